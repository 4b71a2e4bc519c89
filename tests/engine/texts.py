"""Small hand-made news articles for the corpus tests: distinct, English, a few entities each."""

from __future__ import annotations

from pathlib import Path

CITIES = ["Denver", "Portland", "Tucson", "Omaha", "Boise", "Fresno", "Tulsa", "Wichita", "Reno", "Akron",
          "Dayton", "Toledo", "Spokane", "Mobile", "Laredo", "Lubbock", "Madison", "Durham", "Savannah", "Eugene"]
PEOPLE = ["Maria Lopez", "James Carter", "Aisha Khan", "Peter Novak", "Laura Chen", "David Okafor",
          "Sofia Rossi", "Tom Becker", "Nina Patel", "Omar Haddad"]
TOPICS = ["a new transit line", "a school repair plan", "a water treatment plant", "a downtown park",
          "a housing program", "a bridge renovation", "a library expansion", "a bike lane network"]


def article_text(i: int) -> str:
    """Article i: a headline and three paragraphs that differ in city, people, topic and numbers."""
    city, person = CITIES[i % len(CITIES)], PEOPLE[i % len(PEOPLE)]
    other, topic = PEOPLE[(i + 3) % len(PEOPLE)], TOPICS[i % len(TOPICS)]
    amount, votes = 10 + 7 * i, 5 + i % 4
    return (
        f"{city} council backs {topic}\n\n"
        f"The {city} City Council voted {votes} to 2 on Tuesday to approve {topic} costing {amount} million "
        f"dollars, Mayor {person} said after the meeting.\n\n"
        f"\"This is the most important decision we have made in years,\" {person} told reporters at City Hall. "
        f"Council member {other} said the plan would be paid for by a bond issue approved by voters.\n\n"
        f"Work is expected to begin next spring and to last {2 + i % 3} years, according to the city's "
        f"public works department in {city}, which will hire {40 + i} people for the project.\n"
    )


def write_articles(folder: Path, n: int, start: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + n):
        path = folder / f"article-{i:03d}.txt"
        path.write_text(article_text(i), "utf-8")
        paths.append(path)
    return paths
