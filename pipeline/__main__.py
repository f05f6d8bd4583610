import os
import sys

from .cli import main

if __name__ == "__main__":
    code = main()
    # Everything is written and closed, and worker processes are joined, by now. A large run leaves a large heap
    # (vocabulary, lemma table, posts) that Python would spend a third of a second freeing at exit: skip that.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)
