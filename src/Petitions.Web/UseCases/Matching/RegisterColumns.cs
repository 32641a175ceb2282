using Petitions.Core.Matching;

namespace Petitions.Web.UseCases.Matching;

/// <summary>A register file's header read into the register's fields, and each row's values by field.</summary>
public static class RegisterColumns
{
    /// <summary>The column of each field the header names; unknown and missing columns reported through <paramref name="add"/>.</summary>
    public static Dictionary<int, (RegisterField, string)> Header(RegisterSource source, string[] cells, IReadOnlyDictionary<string, RegisterField?> remembered,
        Action<RowProblem> add)
    {
        var columns = new Dictionary<int, (RegisterField, string)>();
        for (var i = 0; i < cells.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(cells[i]))
            {
                continue;
            }
            var meaning = RegisterLayout.Read(source, cells[i], remembered);
            if (meaning.Ignored)
            {
                continue;
            }
            if (meaning.Field is { } field && columns.Values.All(c => c.Item1 != field))
            {
                columns[i] = (field, cells[i].Trim());
            }
            else
            {
                add(new RowProblem(1, cells[i].Trim(), RowProblemKind.UnknownColumn));
            }
        }
        foreach (var missing in RegisterLayout.Required(source).Where(f => columns.Values.All(c => c.Item1 != f)))
        {
            add(new RowProblem(1, RegisterLayout.NamesOf(missing)[0], RowProblemKind.MissingColumn));
        }
        return columns;
    }

    /// <summary>The row's values by field, into one dictionary reused for every row (a row is checked before the next is read).</summary>
    public static Dictionary<RegisterField, (string Column, string Value)> Values(Dictionary<int, (RegisterField Field, string Column)> columns, string[] cells,
        Dictionary<RegisterField, (string Column, string Value)> into)
    {
        into.Clear();
        foreach (var (index, (field, column)) in columns)
        {
            into[field] = (column, index < cells.Length ? cells[index] : "");
        }
        return into;
    }
}
