import HarkThemes
