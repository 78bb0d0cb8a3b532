"""Use cases shared by the GUI and the command line. No Qt here.

Every public method runs in its own short transaction and returns plain data: dataclasses
(or lists and mappings of them, and of plain values such as a unit's narrative texts by
section), never ORM rows or package JSON. Long work takes ``progress`` and ``cancel``
callables.
"""
