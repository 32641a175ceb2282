using Petitions.Core.Triage;

namespace Petitions.Core.Reports;

/// <summary>
/// A message officers start from when writing to a reporter, kept by administrators, in one language (a reporter
/// reads the language they filed in). Placeholders are filled from the report when the template is chosen.
/// </summary>
public sealed class MessageTemplate : ISwitchableRule
{
    public const string Number = "{number}";
    public const string Deadline = "{deadline}";
    public const string Status = "{status}";
    public static readonly IReadOnlyList<string> Placeholders = [Number, Deadline, Status];

    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>"zh-CN" or "en": the language of reports it is offered for.</summary>
    public string Culture { get; set; } = "zh-CN";
    public required string Body { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>The text with its placeholders filled (unknown braces are left as typed).</summary>
    public string Fill(string number, string deadline, string status) =>
        Body.Replace(Number, number, StringComparison.Ordinal)
            .Replace(Deadline, deadline, StringComparison.Ordinal)
            .Replace(Status, status, StringComparison.Ordinal);
}
