"""From a notebook to a shared page: run the notebooks, export them, write the pages that are
not notebooks, and check the finished HTML."""
