"""Use cases shared by the GUI and the command line. No Qt here.

Every public method runs in its own short transaction and returns plain data (dataclasses,
dicts, lists). Long work takes ``progress`` and ``cancel`` callables.
"""
