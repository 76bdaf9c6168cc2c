import HarkValues
