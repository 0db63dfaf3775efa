"""Getting pages in: new register wizard, file/folder import, scanning."""
