"""The supervisor's review screen: queue of submitted pages, page with the clerk's changes."""
