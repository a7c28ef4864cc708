"""Block ends (pindent): added after each block, idempotent, stripped exactly."""

import ast

from codeprose import block_ends, strip_block_ends

CODE = '''import os  # a comment


class Shape:
    """Docstring with # end if inside."""

    def area(self):
        for side in self.sides:
            if side > 0:
                total = side
            elif side == 0:
                pass
            else:
                raise ValueError("negative")
        while False:
            pass
        try:
            x = 1
        except Exception:
            x = 2
        finally:
            x = 3
        with open("f") as f:
            text = """a
# end if
b"""
        return text

print("done")
'''

ANNOTATED = '''import os  # a comment


class Shape:
    """Docstring with # end if inside."""

    def area(self):
        for side in self.sides:
            if side > 0:
                total = side
            elif side == 0:
                pass
            else:
                raise ValueError("negative")
            # end if
        # end for
        while False:
            pass
        # end while
        try:
            x = 1
        except Exception:
            x = 2
        finally:
            x = 3
        # end try
        with open("f") as f:
            text = """a
# end if
b"""
        # end with
        return text
    # end def area
# end class Shape

print("done")
'''


def test_block_ends_after_every_kind_of_block():
    assert block_ends(CODE) == ANNOTATED


def test_block_ends_is_idempotent():
    assert block_ends(ANNOTATED) == ANNOTATED


def test_strip_removes_exactly_what_was_added():
    assert strip_block_ends(ANNOTATED) == CODE


def test_annotated_code_means_the_same():
    assert ast.dump(ast.parse(block_ends(CODE))) == ast.dump(ast.parse(CODE))


def test_match_blocks_end_too():
    assert block_ends("match x:\n    case 1:\n        pass\n") == "match x:\n    case 1:\n        pass\n# end match\n"


def test_async_blocks_use_the_plain_names():
    code = "async def f():\n    async for x in y:\n        pass\n    async with z:\n        pass\n"
    assert block_ends(code) == ("async def f():\n    async for x in y:\n        pass\n    # end for\n"
                                "    async with z:\n        pass\n    # end with\n# end def f\n")


def test_one_line_blocks_get_an_end_too():
    assert block_ends("if x: y = 1\n") == "if x: y = 1\n# end if\n"


def test_trailing_comments_of_a_block_stay_inside_it():
    code = "if x:\n    y = 1\n    # still about y\n\nz = 2\n"
    assert block_ends(code) == "if x:\n    y = 1\n    # still about y\n# end if\n\nz = 2\n"


def test_code_without_final_newline_keeps_it_that_way():
    code = "while x:\n    x -= 1"
    assert block_ends(code) == "while x:\n    x -= 1\n# end while"
    assert strip_block_ends(block_ends(code)) == code


def test_windows_line_ends_are_kept():
    code = "if x:\r\n    pass\r\n"
    assert block_ends(code) == "if x:\r\n    pass\r\n# end if\r\n"
    assert strip_block_ends(block_ends(code)) == code


def test_tabs_are_kept_for_the_comment_indent():
    code = "def f():\n\tif x:\n\t\tpass\n"
    assert block_ends(code) == "def f():\n\tif x:\n\t\tpass\n\t# end if\n# end def f\n"


def test_code_without_blocks_is_unchanged():
    code = "x = 1\n# end if\n"
    assert block_ends(code) == code and strip_block_ends(code) == code


def test_strip_leaves_look_alike_comments_elsewhere():
    code = "if x:\n    pass\n\n# end if\n"  # after a blank line: not where block_ends puts it
    assert strip_block_ends(code) == code
