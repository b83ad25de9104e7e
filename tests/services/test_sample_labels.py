"""The sample project's articles are named by their manifest, never by a file name."""
from rednote_desk import services
from rednote_desk.core.compare.matrix import document_labels


def test_sample_articles_have_meaningful_distinct_labels():
    project = services.open_project(None)
    try:
        documents = project.documents()
        labels = document_labels(documents)
        assert len(set(labels.values())) == len(documents) == 5
        assert not any(".txt" in label or label[:3].isdigit() for label in labels.values())
        assert "Content farm (spun The Conversation)" in labels.values()
        assert {"BigTech.news", "TROIB News"} <= set(labels.values())  # known outlets are kept
    finally:
        project.close()
