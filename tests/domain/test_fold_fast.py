"""The table-driven ``fold_for_search`` equals the character-by-character definition."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from lai_chau_desk.domain.text import _FOLD_EXTRA, clean_text, fold_for_search

VIET = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"


def reference(s: str) -> str:
    decomposed = unicodedata.normalize("NFD", s.translate(_FOLD_EXTRA))
    return clean_text("".join(c for c in decomposed if not unicodedata.combining(c)).casefold())


@given(
    st.text(
        alphabet=st.sampled_from(VIET + " \t\n\u00a0\u200bİẞßﬁ\u0301\u0303\u0323ǅ"), max_size=30
    )
)
def test_fold_matches_reference_on_vietnamese(s: str) -> None:
    assert fold_for_search(s) == reference(s)
    assert fold_for_search(unicodedata.normalize("NFD", s)) == reference(s)


@given(st.text(max_size=30))
def test_fold_matches_reference_on_any_text(s: str) -> None:
    assert fold_for_search(s) == reference(s)
