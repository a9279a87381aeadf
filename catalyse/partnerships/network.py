"""A territory's network of alliances: organisations as nodes, partnerships as edges (a partnership of n
partners links each pair of them), its measures computed with networkx, drawn as a server-side SVG.

Only the partnerships a person may see are drawn (public and confirmed ones; their own organisations'
confidential ones; every one for an administrator). The measures of the whole network (size, density,
components, degrees) use every edge; the drawing, its list and the betweenness centrality keep the
MAX_NODES most connected organisations, so that a département with thousands of partnerships stays fast."""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from typing import Any

import networkx as nx
from django.db.models import Q, QuerySet
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from catalyse.accounts.models import Organisation, OrganisationType
from catalyse.accounts.roles import Role, user_has_role
from catalyse.partnerships.filters import Filters
from catalyse.partnerships.models import Partnership, PartnershipPartner

MAX_NODES = 150
LABELLED_NODES = 12  # the most connected nodes carry their name on the drawing
TOP = 10
ISOLATED_SHOWN = 50
WIDTH, HEIGHT, MARGIN = 960, 640, 40
LAYOUT_SEED = 42
LAYOUT_ITERATIONS = 60


@dataclass
class NetworkNode:
    pk: int
    name: str
    slug: str
    org_type: str
    type_label: str
    degree: int  # distinct partners in the whole network
    partnership_count: int  # partnerships of the network it takes part in
    in_territory: bool = True
    betweenness: float = 0.0
    partners: list[NetworkNode] = field(default_factory=list)  # among the nodes drawn
    x: float = 0.0
    y: float = 0.0
    radius: float = 4.0


@dataclass(frozen=True)
class NetworkEdge:
    source: NetworkNode
    target: NetworkNode
    weight: int  # partnerships the two organisations share


@dataclass
class Network:
    territory: Any
    filters: Filters
    partnership_count: int = 0
    node_count: int = 0
    edge_count: int = 0
    density: float = 0.0
    component_count: int = 0
    largest_component: int = 0
    nodes: list[NetworkNode] = field(default_factory=list)  # drawn, most connected first
    edges: list[NetworkEdge] = field(default_factory=list)  # between drawn nodes
    top_degree: list[NetworkNode] = field(default_factory=list)
    top_betweenness: list[NetworkNode] = field(default_factory=list)
    isolated: list[Organisation] = field(default_factory=list)
    isolated_count: int = 0
    legend: list[tuple[str, str, int]] = field(default_factory=list)  # org type, label, nodes drawn

    @property
    def capped(self) -> bool:
        return self.node_count > len(self.nodes)


def network_partnerships(*, user: Any, territory: Any, filters: Filters) -> QuerySet[Partnership]:
    """The counted partnerships of the territory this person may see, with the filters on mode and start year."""
    queryset = Partnership.objects.counted()
    if not user_has_role(user, Role.ADMINISTRATOR):
        queryset = queryset.visible_to(user)
    queryset = queryset.in_territory(territory.level, territory.code)
    if filters.mode:
        queryset = queryset.with_mode(filters.mode)
    if filters.year_from:
        queryset = queryset.filter(start_year__gte=filters.year_from)
    if filters.year_to:
        queryset = queryset.filter(start_year__lte=filters.year_to)
    return queryset


def organisations_in(territory: Any) -> QuerySet[Organisation]:
    """The organisations placed in the territory (or in a territory inside it)."""
    condition = Q(territory=territory)
    if territory.level in ("region", "departement", "epci"):
        condition |= Q(**{f"territory__{territory.level}": territory})
    elif territory.level == "commune":
        condition |= Q(territory__commune=territory)  # its municipal arrondissements
    return Organisation.objects.filter(condition)


def network_build(*, user: Any, territory: Any, filters: Filters) -> Network:
    partnerships = network_partnerships(user=user, territory=territory, filters=filters)
    links = PartnershipPartner.objects.filter(partnership__in=partnerships.values("pk")).values_list(
        "partnership_id", "organisation_id"
    )
    by_partnership: dict[int, list[int]] = defaultdict(list)
    for partnership_id, organisation_id in links:
        by_partnership[partnership_id].append(organisation_id)

    involvement: Counter[int] = Counter()
    shared: Counter[tuple[int, int]] = Counter()
    for members in by_partnership.values():
        involvement.update(members)
        shared.update(combinations(sorted(members), 2))
    graph = nx.Graph()
    graph.add_nodes_from(involvement)
    graph.add_edges_from((a, b, {"weight": weight}) for (a, b), weight in shared.items())

    network = Network(territory=territory, filters=filters, partnership_count=len(by_partnership))
    network.node_count = graph.number_of_nodes()
    network.edge_count = graph.number_of_edges()
    if network.node_count:
        network.density = nx.density(graph)
        components = list(nx.connected_components(graph))
        network.component_count = len(components)
        network.largest_component = max(len(c) for c in components)

    degrees = dict(graph.degree())
    shown_ids = sorted(degrees, key=lambda pk: (-degrees[pk], pk))[:MAX_NODES]
    shown = graph.subgraph(shown_ids).copy()  # a copy: measures on a view walk the whole graph
    organisations = Organisation.objects.in_bulk(shown_ids)
    inside = set(organisations_in(territory).filter(pk__in=shown_ids).values_list("pk", flat=True))
    type_labels = dict(OrganisationType.choices)
    nodes: dict[int, NetworkNode] = {}
    for pk in shown_ids:
        organisation = organisations[pk]
        nodes[pk] = NetworkNode(
            pk=pk,
            name=organisation.name,
            slug=organisation.slug,
            org_type=organisation.org_type,
            type_label=str(type_labels.get(organisation.org_type, organisation.org_type)),
            degree=degrees[pk],
            partnership_count=involvement[pk],
            in_territory=pk in inside,
        )
    if len(shown):
        for pk, value in nx.betweenness_centrality(shown, normalized=True).items():
            nodes[pk].betweenness = value
    for pk in shown_ids:
        nodes[pk].partners = sorted((nodes[other] for other in shown.neighbors(pk)), key=lambda n: n.name)
    edge_list = sorted(
        (tuple(sorted((a, b))) for a, b in shown.edges()), key=lambda e: (nodes[e[0]].name, nodes[e[1]].name)
    )
    network.edges = [NetworkEdge(nodes[a], nodes[b], shown[a][b]["weight"]) for a, b in edge_list]
    network.nodes = [nodes[pk] for pk in shown_ids]
    _place(network.nodes, [(a, b) for a, b in edge_list])

    network.top_degree = network.nodes[:TOP]
    network.top_betweenness = sorted(
        (n for n in network.nodes if n.betweenness > 0), key=lambda n: (-n.betweenness, n.pk)
    )[:TOP]
    counts: dict[str, int] = defaultdict(int)
    for node in network.nodes:
        counts[node.org_type] += 1
    network.legend = [(key, str(label), counts[key]) for key, label in OrganisationType.choices if counts[key]]

    alone = organisations_in(territory).exclude(
        pk__in=PartnershipPartner.objects.filter(partnership__in=partnerships.values("pk")).values("organisation_id")
    )
    network.isolated_count = alone.count()
    network.isolated = list(alone.order_by("name")[:ISOLATED_SHOWN]) if network.isolated_count else []
    return network


# ------------------------------------------------------------------ layout


def _place(nodes: list[NetworkNode], edges: list[tuple[int, int]]) -> None:
    """Positions from a seeded force-directed layout (the same graph always gets the same drawing)."""
    if not nodes:
        return
    key = (tuple(n.pk for n in nodes), tuple(edges))
    positions = _layout(key)
    top = max(n.degree for n in nodes) or 1
    for node, (x, y) in zip(nodes, positions, strict=True):
        node.x, node.y = x, y
        node.radius = round(4 + 12 * math.sqrt(node.degree / top), 1)


def _components(n: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Connected components (lists of node indexes), largest first, ties by first index: deterministic."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in pairs:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda members: (-len(members), members[0]))


def _force_layout(n: int, pairs: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """Fruchterman–Reingold of one connected component, seeded, normalised to the unit square."""
    if n == 1:
        return [(0.5, 0.5)]
    rng = random.Random(LAYOUT_SEED)  # noqa: S311 (a drawing, not a secret)
    xs = [rng.random() for _ in range(n)]
    ys = [rng.random() for _ in range(n)]
    k = math.sqrt(1.0 / n)
    k2 = k * k
    temperature = 0.1
    cooling = temperature / (LAYOUT_ITERATIONS + 1)
    for _step in range(LAYOUT_ITERATIONS):
        dx = [0.0] * n
        dy = [0.0] * n
        for i in range(n):
            xi, yi = xs[i], ys[i]
            fx = fy = 0.0
            for j in range(i + 1, n):
                ddx = xi - xs[j]
                ddy = yi - ys[j]
                d2 = ddx * ddx + ddy * ddy or 1e-9
                force = k2 / d2  # k²/d, along the unit vector (ddx/d, ddy/d)
                fx += ddx * force
                fy += ddy * force
                dx[j] -= ddx * force
                dy[j] -= ddy * force
            dx[i] += fx
            dy[i] += fy
        for i, j in pairs:
            ddx = xs[i] - xs[j]
            ddy = ys[i] - ys[j]
            d = math.sqrt(ddx * ddx + ddy * ddy) or 1e-9
            force = d / k  # d²/k, along the unit vector
            dx[i] -= ddx * force
            dy[i] -= ddy * force
            dx[j] += ddx * force
            dy[j] += ddy * force
        for i in range(n):
            length = math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) or 1e-9
            step = min(length, temperature)
            xs[i] += dx[i] / length * step
            ys[i] += dy[i] / length * step
        temperature -= cooling
    low_x, high_x, low_y, high_y = min(xs), max(xs), min(ys), max(ys)
    span_x = (high_x - low_x) or 1.0
    span_y = (high_y - low_y) or 1.0
    return [((x - low_x) / span_x, (y - low_y) / span_y) for x, y in zip(xs, ys, strict=True)]


@lru_cache(maxsize=32)
def _layout(key: tuple[tuple[int, ...], tuple[tuple[int, int], ...]]) -> list[tuple[float, float]]:
    """Each connected component laid out on its own (Fruchterman–Reingold in plain Python: networkx's layouts
    need numpy, which the project does not install), then packed in rows, the largest first, each in a square
    whose side grows with the square root of its size; scaled to the drawing. A small group apart thus sits
    beside the main one instead of squeezing it into a corner. Cached per graph."""
    pks, edges = key
    n = len(pks)
    if n == 1:
        return [(WIDTH / 2, HEIGHT / 2)]
    index = {pk: i for i, pk in enumerate(pks)}
    pairs = [(index[a], index[b]) for a, b in edges]
    components = _components(n, pairs)
    sides = [math.sqrt(len(members)) for members in components]
    row_limit = max(sides[0], math.sqrt(sum(side * side for side in sides) * WIDTH / HEIGHT))
    points: list[tuple[float, float]] = [(0.0, 0.0)] * n
    x = y = row_height = 0.0
    for members, side in zip(components, sides, strict=True):
        if x > 0 and x + side > row_limit + 1e-9:
            x, y, row_height = 0.0, y + row_height, 0.0
        local_index = {node: i for i, node in enumerate(members)}
        local_pairs = [(local_index[a], local_index[b]) for a, b in pairs if a in local_index]
        for node, (u, v) in zip(members, _force_layout(len(members), local_pairs), strict=True):
            points[node] = (x + (0.1 + 0.8 * u) * side, y + (0.1 + 0.8 * v) * side)
        x += side
        row_height = max(row_height, side)
    width = max(px for px, _ in points) or 1.0
    height = max(py for _, py in points) or 1.0
    scale = min((WIDTH - 2 * MARGIN) / width, (HEIGHT - 2 * MARGIN) / height)
    offset_x = (WIDTH - width * scale) / 2
    offset_y = (HEIGHT - height * scale) / 2
    return [(round(offset_x + px * scale, 1), round(offset_y + py * scale, 1)) for px, py in points]


# ------------------------------------------------------------------ drawing


def _fmt(value: float, decimals: int = 0) -> str:
    return number_format(value, decimal_pos=decimals, force_grouping=True)


def network_svg(network: Network, *, title: str) -> SafeString:
    """The graph as SVG: one line per link (thicker when they share more partnerships), one disc per
    organisation (larger with more partners, coloured by type through CSS classes), the most connected named."""
    if not network.nodes:
        return mark_safe("")
    leaders = ", ".join(
        f"{node.name} ({ngettext('%(n)s partenaire', '%(n)s partenaires', node.degree) % {'n': node.degree}})"
        for node in network.top_degree[:5]
    )
    description = (
        ngettext("%(n)s organisation", "%(n)s organisations", len(network.nodes)) % {"n": _fmt(len(network.nodes))}
        + ", "
        + ngettext("%(n)s lien", "%(n)s liens", len(network.edges)) % {"n": _fmt(len(network.edges))}
        + ". "
        + _("Les plus connectées : %(names)s.") % {"names": leaders}
        + " "
        + _("La liste qui suit le graphique donne les mêmes données.")
    )
    parts = [
        f'<svg class="network-graph" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        'aria-labelledby="network-title network-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="network-title">{escape(title)}</title>',
        f'<desc id="network-desc">{escape(description)}</desc>',
        '<g class="net-edges">',
    ]
    for edge in network.edges:
        width = min(6.0, 1.0 + (edge.weight - 1) * 0.75)
        parts.append(
            f'<line x1="{edge.source.x}" y1="{edge.source.y}" x2="{edge.target.x}" y2="{edge.target.y}" '
            f'stroke-width="{width}"></line>'
        )
    parts.append('</g><g class="net-nodes">')
    # The most connected last, so that they are drawn on top.
    for node in reversed(network.nodes):
        css = f"net-node net-type-{escape(node.org_type)}" + ("" if node.in_territory else " net-outside")
        parts.append(f'<circle class="{css}" cx="{node.x}" cy="{node.y}" r="{node.radius}"></circle>')
    parts.append('</g><g class="net-labels">')
    for node in network.nodes[:LABELLED_NODES]:
        name = node.name if len(node.name) <= 28 else node.name[:27] + "…"
        anchor = "end" if node.x > WIDTH - 200 else "start"
        x = node.x - node.radius - 3 if anchor == "end" else node.x + node.radius + 3
        parts.append(f'<text x="{round(x, 1)}" y="{round(node.y + 4, 1)}" text-anchor="{anchor}">{escape(name)}</text>')
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text is escaped above)
