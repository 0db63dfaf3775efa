"""Printed reports (PDF via reportlab): fard, batch handover sheet, progress report."""
