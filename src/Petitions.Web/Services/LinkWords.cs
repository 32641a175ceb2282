using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;
using Petitions.Core.Matching;

namespace Petitions.Web.Services;

/// <summary>Says a link's evidence in the page's language: each field's agreement, the characters that differ and how, the weight.</summary>
public static class LinkWords
{
    public static string Say(string evidenceJson, IStringLocalizer l)
    {
        var e = JsonSerializer.Deserialize<LinkEvidence>(evidenceJson);
        return e?.Name is null ? "" : Say(e, l);
    }

    public static string Say(LinkEvidence e, IStringLocalizer l)
    {
        var pairs = string.Join(l["List.Separator"].Value, e.Name.Pairs.Select(p => p.Reading is { } r ? $"{p.A}/{p.B} ({r})" : $"{p.A}/{p.B}"));
        var parts = new List<string>
        {
            l["Link.Name." + e.Name.Agreement, pairs].Value + (e.Name.Folded ? l["Link.Folded"].Value : ""),
            l["Link.Birth." + e.Birth].Value,
        };
        if (e.Sex != FieldAgreement.Missing)
        {
            parts.Add(l["Link.Sex." + e.Sex].Value);
        }
        if (e.Region != FieldAgreement.Missing)
        {
            parts.Add(l["Link.Region." + e.Region].Value);
        }
        if (e.Id != FieldAgreement.Missing)
        {
            parts.Add(l["Link.Id." + e.Id].Value);
        }
        parts.Add(l["Link.Weight", e.Weight.ToString("0.0", CultureInfo.CurrentCulture)].Value);
        return string.Join(l["Link.Separator"].Value, parts);
    }
}
