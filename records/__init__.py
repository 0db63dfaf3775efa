"""Qt-free core of Daftar: templates, field kinds, units, validation, store, workflow."""
