# The search page of the example application, in Python.
from featurevisor import create_instance

f = create_instance({"datafile_url": "https://cdn.example.com/datafile.json"})


def search_page(user_id: str) -> str:
    context = {"userId": user_id}
    # classicSearch is archived: no datafile has it any more, so this branch never runs.
    if f.is_enabled("classicSearch", context):
        return "classic search"
    ranking = "A" if f.is_enabled("searchA", context) else "B" if f.is_enabled("searchB", context) else "default"
    theme = "dark" if f.is_enabled("darkMode", context) else "light"
    return f"search ({ranking} ranking, {theme} theme)"
