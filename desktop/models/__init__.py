"""Qt item models over records/ views: lists of registers and pages, page rows, register rows."""
