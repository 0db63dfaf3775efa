"""Side-by-side correction: page image with field boxes, the page's rows, crop, undo."""
