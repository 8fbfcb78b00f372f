import pytest

from variantgen.cube import TRAJECTORY, VARIANT_CORNERS, Corner, parse_corners


def test_difficulty_codes_follow_mathbook_pro():
    codes = {c.value: c.difficulty for c in Corner}
    assert codes == {"base": "base", "s": "x", "v": "y", "c": "z", "sv": "xy", "sc": "xz", "vc": "yz", "svc": "xyz"}
    assert all(Corner.from_difficulty(c.difficulty) is c for c in Corner)


def test_seven_corners_and_the_training_path():
    assert len(VARIANT_CORNERS) == 7 and Corner.BASE not in VARIANT_CORNERS
    assert [c.value for c in TRAJECTORY] == ["base", "s", "sv", "sc", "svc"]


def test_parse_corners_accepts_names_and_codes_in_canonical_order():
    assert parse_corners("svc, s, XY") == (Corner.S, Corner.SV, Corner.SVC)
    assert parse_corners("all") == VARIANT_CORNERS
    with pytest.raises(ValueError, match="unknown corner 'q'"):
        parse_corners("s,q")
