using System.Globalization;
using Npgsql;
using Petitions.Core.Regions;
using Petitions.Core.Statistics;

namespace Petitions.Web.Statistics;

/// <summary>
/// Computes the public figures from the views: every province with reports, its cities, their counties, over
/// all time, with small cells withheld (<see cref="Suppression"/>); each withheld cell carries
/// what a reader can work out for it. The relations a reader could subtract are
/// all registered: each breakdown adds up to its region's total, and each figure of a region is the sum of the
/// same figure over the regions one level down plus the reports filed for the region itself. A region whose
/// total is withheld gets no page of its own, so its breakdowns cannot be read either.
/// </summary>
public sealed class PublicStatsBuilder(RegionCatalogue regions)
{
    private const string All = "all";
    private static readonly string[] Measures = ["m:sanctioned", "m:referred", "m:with-stopped", "m:with-recovered"];

    private sealed record Raw(long N, decimal Stopped, decimal Recovered, long WithStopped, long WithRecovered, long Sanctioned, long Referred);

    private sealed class Node(string key, string? code)
    {
        public string Key { get; } = key;
        /// <summary>The region code; null for the "filed for the parent itself" part.</summary>
        public string? Code { get; } = code;
        public List<Node> Children { get; } = [];
        public Node? Self { get; set; }
        public IEnumerable<Node> Parts => Self is null ? Children : Children.Append(Self);
    }

    /// <summary>
    /// The public figures of the given provinces (two-digit prefixes), or of all when null. The suppression never relates
    /// one province's cells to another's, so a province computed alone reads as it would among all; the years run over
    /// the whole portal's, so every province's year breakdown has the same parts.
    /// </summary>
    public async Task<Dictionary<string, RegionFigures>> BuildAsync(
        NpgsqlConnection connection, IReadOnlyList<string> kinds, CancellationToken ct, IReadOnlyCollection<string>? provinces = null)
    {
        var raw = new Dictionary<(string Region, string Dim, string Val), Raw>();
        var days = new Dictionary<(string Region, string Metric), List<(int, long)>>();
        var years = new List<int>();
        await using (var batch = new NpgsqlBatch(connection))
        {
            const string Only = "($1::text[] IS NULL OR left(region, 2) = ANY($1::text[]))";
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                SELECT region::text, dim, val, sum(n)::bigint, sum(money_stopped), sum(money_recovered), sum(with_stopped)::bigint,
                       sum(with_recovered)::bigint, sum(sanctioned)::bigint, sum(referred)::bigint
                FROM stats_cube WHERE {Only} GROUP BY region, dim, val
                """));
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                SELECT region::text, extract(year FROM month)::int, sum(n)::bigint FROM stats_cube WHERE dim = 'all' AND {Only} GROUP BY 1, 2
                """));
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT region::text, metric, days, sum(n)::bigint FROM stats_days WHERE {Only} GROUP BY 1, 2, 3"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand(
                "SELECT DISTINCT extract(year FROM month)::int FROM stats_cube WHERE dim = 'all' AND region LIKE '__0000' ORDER BY 1"));
            Enumerable.Take<NpgsqlBatchCommand>(batch.BatchCommands, 3).ToList().ForEach(c => c.Parameters.Add(
                new NpgsqlParameter { Value = (object?)provinces?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text }));
            batch.Timeout = 600;
            await using var reader = await batch.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                raw[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = new Raw(reader.GetInt64(3), reader.GetDecimal(4), reader.GetDecimal(5),
                    reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9));
            }
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                raw[(reader.GetString(0), StatsDims.Year, reader.GetInt32(1).ToString(CultureInfo.InvariantCulture))] =
                    new Raw(reader.GetInt64(2), 0, 0, 0, 0, 0, 0);
            }
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = (reader.GetString(0), reader.GetString(1));
                if (!days.TryGetValue(key, out var list))
                {
                    days[key] = list = [];
                }
                list.Add((reader.GetInt32(2), reader.GetInt64(3)));
            }
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                years.Add(reader.GetInt32(0));
            }
        }
        return Build(raw, days, kinds, YearsOf(years));
    }

    // Every year from the first to the last with a report: the year breakdown's parts.
    private static List<string> YearsOf(List<int> years) => years.Count == 0 ? [] :
        Enumerable.Range(years.Min(), years.Max() - years.Min() + 1).Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList();

    private Dictionary<string, RegionFigures> Build(
        Dictionary<(string Region, string Dim, string Val), Raw> raw, Dictionary<(string, string), List<(int, long)>> days, IReadOnlyList<string> kinds,
        List<string> years)
    {
        var partitions = StatsDims.Partitions(kinds).Append((StatsDims.Year, years)).ToList();
        var roots = raw.Keys.Where(k => k.Dim == All && k.Region.EndsWith("0000", StringComparison.Ordinal))
            .Select(k => k.Region).Distinct().Order(StringComparer.Ordinal).Select(code => Tree(code)).ToList();

        // Every (node, dim, value) becomes a cell; the self part's figures are the parent's minus its children's.
        var cells = new Dictionary<(string Node, string Dim, string Val), int>();
        var values = new List<long>();
        var money = new Dictionary<(string Node, string Dim), decimal>();
        var constraints = new List<SumConstraint>();

        // Only regions have rows; a self part's figures are worked out from its parent's in AddCells.
        Raw Lookup(Node node, string dim, string val) => raw.GetValueOrDefault((node.Code!, dim, val)) ?? new Raw(0, 0, 0, 0, 0, 0, 0);

        IEnumerable<(string Dim, string Val)> Keys() =>
            partitions.SelectMany(p => p.Item2.Select(v => (p.Item1, v))).Prepend((All, "")).Concat(Measures.Select(m => (m, "")));

        long Measure(Raw r, string dim) => dim switch
        {
            "m:sanctioned" => r.Sanctioned,
            "m:referred" => r.Referred,
            "m:with-stopped" => r.WithStopped,
            "m:with-recovered" => r.WithRecovered,
            _ => throw new ArgumentOutOfRangeException(nameof(dim), dim, null),
        };

        void AddCells(Node node, Node? parent)
        {
            foreach (var (dim, val) in Keys())
            {
                long value;
                if (node.Code is not null)
                {
                    value = dim.StartsWith("m:", StringComparison.Ordinal) ? Measure(Lookup(node, All, ""), dim) : Lookup(node, dim, val).N;
                }
                else
                {
                    value = values[cells[(parent!.Key, dim, val)]] - parent.Children.Sum(c => values[cells[(c.Key, dim, val)]]);
                }
                cells[(node.Key, dim, val)] = values.Count;
                values.Add(value);
            }
            if (node.Code is not null)
            {
                money[(node.Key, "stopped")] = Lookup(node, All, "").Stopped;
                money[(node.Key, "recovered")] = Lookup(node, All, "").Recovered;
            }
        }

        void Register(Node node, Node? parent)
        {
            AddCells(node, parent);
            foreach (var child in node.Children)
            {
                Register(child, node);
            }
            if (node.Self is not null)
            {
                AddCells(node.Self, node);
            }
        }

        void Relate(Node node)
        {
            foreach (var (dim, dimValues) in partitions)
            {
                constraints.Add(new SumConstraint(cells[(node.Key, All, "")], dimValues.Select(v => cells[(node.Key, dim, v)]).ToList()));
            }
            var parts = node.Parts.ToList();
            if (parts.Count > 0)
            {
                foreach (var (dim, val) in Keys())
                {
                    constraints.Add(new SumConstraint(cells[(node.Key, dim, val)], parts.Select(p => cells[(p.Key, dim, val)]).ToList()));
                }
            }
            foreach (var part in parts)
            {
                Relate(part);
            }
        }

        foreach (var root in roots)
        {
            Register(root, null);
            Relate(root);
        }
        // What appears anywhere, for a pattern: every figure of a region whose total is shown, and its parts' totals.
        bool[] PublishedOf(bool[] withheld)
        {
            var published = new bool[values.Count];
            void Mark(Node node)
            {
                if (withheld[cells[(node.Key, All, "")]])
                {
                    return;
                }
                foreach (var (dim, val) in Keys())
                {
                    published[cells[(node.Key, dim, val)]] = true;
                }
                foreach (var part in node.Parts)
                {
                    published[cells[(part.Key, All, "")]] = true;
                }
                node.Children.ForEach(Mark);
            }
            foreach (var root in roots)
            {
                published[cells[(root.Key, All, "")]] = true;
                Mark(root);
            }
            return published;
        }
        var hidden = Suppression.Apply(values, constraints, publishedOf: PublishedOf);
        var shownCells = PublishedOf(hidden);

        long? Shown(Node node, string dim, string val) => cells.TryGetValue((node.Key, dim, val), out var i) && !hidden[i] ? values[i] : null;

        // A withheld cell reads as what a reader can work out for it: a complement its range; a small count "<5"
        // (0–4), or the narrower range a reader can work out, so that the page never says less than it gives away.
        var bounds = Suppression.Bounds(values, hidden, constraints, published: shownCells);
        CellRange? RangeOf(Node node, string dim, string val) =>
            cells.TryGetValue((node.Key, dim, val), out var i) && hidden[i] && bounds[i] != (0, Suppression.DefaultThreshold - 1)
                ? new CellRange(bounds[i].Lo, bounds[i].Hi) : null;

        var result = new Dictionary<string, RegionFigures>(StringComparer.Ordinal);
        void Publish(Node node)
        {
            if (Shown(node, All, "") is null)
            {
                return;
            }
            var figures = new RegionFigures
            {
                RegionCode = node.Code!,
                Total = Shown(node, All, ""),
                Self = node.Self is null ? null : Shown(node.Self, All, ""),
                PeopleSanctioned = Shown(node, "m:sanctioned", ""),
                PeopleReferred = Shown(node, "m:referred", ""),
                MoneyStopped = Shown(node, "m:with-stopped", "") is null ? null : money[(node.Key, "stopped")],
                MoneyRecovered = Shown(node, "m:with-recovered", "") is null ? null : money[(node.Key, "recovered")],
            };
            foreach (var (dim, dimValues) in partitions)
            {
                figures.Dims[dim] = dimValues.ToDictionary(v => v, v => Shown(node, dim, v), StringComparer.Ordinal);
                var ranges = dimValues.Select(v => (v, RangeOf(node, dim, v))).Where(x => x.Item2 is not null).ToDictionary(x => x.v, x => x.Item2!, StringComparer.Ordinal);
                if (ranges.Count > 0)
                {
                    figures.Ranges[dim] = ranges;
                }
            }
            foreach (var measure in Measures.Where(m => RangeOf(node, m, "") is not null))
            {
                figures.Ranges[measure] = new Dictionary<string, CellRange> { [""] = RangeOf(node, measure, "")! };
            }
            if (node.Self is not null && RangeOf(node.Self, All, "") is { } selfRange)
            {
                figures.SelfRange = selfRange;
            }
            foreach (var child in node.Children)
            {
                var total = Shown(child, All, "");
                figures.Children.Add(new ChildFigure(child.Code!, total, total is not null, RangeOf(child, All, "")));
            }
            // Medians and 90th percentiles only where at least five cases lie behind them.
            var accept = days.GetValueOrDefault((node.Code!, "accept")) ?? [];
            var conclude = days.GetValueOrDefault((node.Code!, "conclude")) ?? [];
            var review = days.GetValueOrDefault((node.Code!, "review")) ?? [];
            StatsQueries.SetPercentiles(figures,
                accept.Sum(d => d.Item2) >= Suppression.DefaultThreshold ? accept : [],
                conclude.Sum(d => d.Item2) >= Suppression.DefaultThreshold ? conclude : [],
                review.Sum(d => d.Item2) >= Suppression.DefaultThreshold ? review : []);
            result[node.Code!] = figures;
            foreach (var child in node.Children)
            {
                Publish(child);
            }
        }
        foreach (var root in roots)
        {
            Publish(root);
        }
        return result;
    }

    /// <summary>Province → cities → counties from the catalogue, each non-leaf with its "self" part.</summary>
    private Node Tree(string code)
    {
        var node = new Node(code, code);
        foreach (var child in regions.ChildrenOf(code))
        {
            node.Children.Add(Tree(child.Code));
        }
        if (node.Children.Count > 0)
        {
            node.Self = new Node(code + "*", null);
        }
        return node;
    }
}
