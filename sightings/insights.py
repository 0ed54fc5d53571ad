def build_insights():
    return []
