"""``python -m kronika.cli``: the same command as ``kronika``."""

from kronika.cli import main

if __name__ == "__main__":
    main()
