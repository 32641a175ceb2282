using Google.OrTools.LinearSolver;
using Petitions.Web.Statistics;

namespace Petitions.Web.Tests.Statistics;

/// <summary>
/// A reader attacking the public statistics the way statistics offices audit a suppression pattern (τ-ARGUS): from
/// every figure of one snapshot (each region's page: total, every partition, the regions one level down, the part
/// filed for the region itself, the people sanctioned and referred) and the relations a reader knows (each partition
/// adds up to the total; each figure is the sum over the regions one level down plus the region's own part), a
/// linear program gives the smallest and largest value each withheld cell can have.
/// </summary>
/// <remarks>
/// Regions without a page are unknown to the reader except through their parent. All of a parent's parts without a
/// page are one aggregate here: an exact reduction for a linear program (any aggregate that satisfies the parent's
/// relations splits back into parts, a balanced transportation problem always having a solution), which keeps the
/// program to the published regions.
/// </remarks>
public sealed class StatsAttacker
{
    /// <summary>One withheld cell as the page prints it (lo–hi; "&lt;5" is 0–4) and as the solver bounds it.</summary>
    public sealed record Cell(string Where, double PrintedLo, double PrintedHi, double Lo, double Hi);

    private static readonly string[] Measures = ["m:sanctioned", "m:referred"];

    private readonly Solver _solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available.");
    private readonly List<(string Where, Variable Var, double Lo, double Hi)> _withheld = [];

    public int Variables => _solver.NumVariables();

    public int Constraints => _solver.NumConstraints();

    public StatsAttacker(IReadOnlyDictionary<string, RegionFigures> pages)
    {
        var cells = new Dictionary<string, Dictionary<(string Dim, string Val), Variable>>(StringComparer.Ordinal);
        foreach (var (code, page) in pages)
        {
            cells[code] = PageCells(code, page);
        }
        foreach (var (code, page) in pages)
        {
            if (page.Children.Count == 0)
            {
                continue;
            }
            var mine = cells[code];
            // The parts without a page (children with no page, and the part filed for the region itself): one aggregate.
            var rest = mine.Keys.ToDictionary(k => k, k => _solver.MakeNumVar(0, double.PositiveInfinity, $"{code}+rest:{k.Dim}:{k.Val}"));
            Partitions(rest, rest[("all", "")]);
            var restTotal = new List<Variable>();
            foreach (var child in page.Children)
            {
                if (pages.ContainsKey(child.Code))
                {
                    continue;
                }
                restTotal.Add(Known(code + ">" + child.Code, child.Total, child.Range));
            }
            restTotal.Add(Known(code + ">self", page.Self, page.SelfRange));
            Equal(rest[("all", "")], restTotal);
            foreach (var key in mine.Keys)
            {
                var parts = page.Children.Where(c => pages.ContainsKey(c.Code)).Select(c => cells[c.Code][key]).Append(rest[key]).ToList();
                Equal(mine[key], parts);
            }
        }
    }

    /// <summary>Every withheld cell's printed and deduced range.</summary>
    public IReadOnlyList<Cell> Attack()
    {
        var result = new List<Cell>(_withheld.Count);
        var objective = _solver.Objective();
        foreach (var (where, variable, lo, hi) in _withheld)
        {
            objective.Clear();
            objective.SetCoefficient(variable, 1);
            objective.SetMinimization();
            var min = Solve(where);
            objective.SetMaximization();
            var max = Solve(where);
            result.Add(new Cell(where, lo, hi, min, max));
        }
        return result;
    }

    private double Solve(string where)
    {
        var status = _solver.Solve();
        return status == Solver.ResultStatus.OPTIMAL ? _solver.Objective().Value()
            : throw new InvalidOperationException($"The published figures have no solution around {where}: {status}.");
    }

    private Dictionary<(string Dim, string Val), Variable> PageCells(string code, RegionFigures page)
    {
        var vars = new Dictionary<(string, string), Variable>
        {
            [("all", "")] = Known(code, page.Total, null),
        };
        foreach (var (dim, values) in page.Dims)
        {
            foreach (var (val, count) in values)
            {
                vars[(dim, val)] = Known($"{code}:{dim}:{val}", count, page.Range(dim, val));
            }
        }
        vars[(Measures[0], "")] = Known($"{code}:{Measures[0]}", page.PeopleSanctioned, page.Range(Measures[0], ""));
        vars[(Measures[1], "")] = Known($"{code}:{Measures[1]}", page.PeopleReferred, page.Range(Measures[1], ""));
        Partitions(vars, vars[("all", "")]);
        return vars;
    }

    /// <summary>Each partition of a region adds up to its total.</summary>
    private void Partitions(Dictionary<(string Dim, string Val), Variable> vars, Variable total)
    {
        foreach (var dim in vars.Keys.Select(k => k.Dim).Where(d => d != "all" && !d.StartsWith("m:", StringComparison.Ordinal)).Distinct())
        {
            Equal(total, [.. vars.Where(v => v.Key.Dim == dim).Select(v => v.Value)]);
        }
    }

    /// <summary>A published figure: exact when shown, its printed range when withheld to protect another, 0–4 for "&lt;5".</summary>
    private Variable Known(string where, long? shown, CellRange? range)
    {
        if (shown is { } value)
        {
            return _solver.MakeNumVar(value, value, where);
        }
        var (lo, hi) = range is { } r ? (r.Lo, r.Hi) : (0L, 4L);
        var variable = _solver.MakeNumVar(lo, hi, where);
        _withheld.Add((where, variable, lo, hi));
        return variable;
    }

    private void Equal(Variable total, IReadOnlyList<Variable> parts)
    {
        var constraint = _solver.MakeConstraint(0, 0);
        constraint.SetCoefficient(total, 1);
        foreach (var part in parts)
        {
            constraint.SetCoefficient(part, constraint.GetCoefficient(part) - 1);
        }
    }
}
