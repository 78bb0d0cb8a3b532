"""Lai Châu Desk: offline record-keeping and reporting for trade-union units."""

__version__ = "0.1.0"
APP_NAME = "Lai Châu Desk"
