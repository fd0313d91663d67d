"""`python -m sendscan`: the same as the `sendscan` command."""

from .cli import main

if __name__ == "__main__":
    main()
