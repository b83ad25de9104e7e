"""Function words: the part of a text that synonym spinners leave alone."""

ENGLISH = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers him his how i if in into is it its itself just me more most my no nor
    not now of off on once only or other our out over own same she should so some such than that the
    their them then there these they this those through to too under until up very was we were what when
    where which while who whom why will with would you your""".split()
)

# Chinese function characters (CJK text is tokenised per character).
CHINESE = frozenset("的 了 是 在 和 有 也 就 都 而 与 着 或 被 把 对 将 这 那 之 其 为 以 于 从 但 并 又 及 等".split())

STOPWORDS = ENGLISH | CHINESE
