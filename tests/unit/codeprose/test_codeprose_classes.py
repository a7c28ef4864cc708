"""Classes: bases, methods, attributes."""

from codeprose import describe

POINT = '''class Point(Shape):
    """A point in the plane."""
    dims = 2

    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def norm(self):
        """Return the distance to the origin."""
        return (self.x ** 2 + self.y ** 2) ** 0.5
'''


def sentences(code, level="brief"):
    return [s.text for s in describe(code, level, strict=True).sentences]


def test_class_names_its_bases():
    assert sentences(POINT)[0] == "A class named Point is defined, based on Shape."


def test_class_without_bases():
    assert sentences("class Empty:\n    pass")[0] == "A class named Empty is defined."


def test_class_lists_methods_and_attributes():
    text = sentences(POINT)
    assert "It has two methods: __init__ and norm." in text
    assert "It has one class attribute: dims." in text
    assert "Each object of the class stores the attributes x and y." in text
    assert "Its docstring says: “A point in the plane.”" in text


def test_methods_take_arguments_besides_self():
    text = sentences(POINT, "detailed")
    assert "__init__ takes two arguments besides self: x is required; y is optional, with the default 0." in text
    assert "norm takes no arguments besides self." in text
    assert "It will return the distance to the origin." in text


def test_static_and_class_methods_and_properties():
    code = ("class C:\n    @staticmethod\n    def make(a):\n        return C()\n"
            "    @classmethod\n    def build(cls, b):\n        return cls()\n"
            "    @property\n    def size(self):\n        return 1\n")
    text = sentences(code, "detailed")
    assert "It is a static method: it does not receive the object." in text
    assert "make takes one argument: a is required." in text
    assert "build takes one argument besides cls: b is required." in text
    assert "It is a property: it is read like an attribute, without brackets." in text


def test_class_items_are_structured():
    item = describe(POINT).items[0]
    assert item["bases"] == ["Shape"] and item["methods"] == ["__init__", "norm"]
    assert item["instance_attributes"] == ["x", "y"] and item["class_attributes"] == ["dims"]
