using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Petitions.Web.Infrastructure;

public static class ModelStateExtensions
{
    /// <summary>The first message of each invalid field, for components that show messages next to their fields.</summary>
    public static IReadOnlyDictionary<string, string> FirstErrors(this ModelStateDictionary state) =>
        state.Where(kv => kv.Value is { Errors.Count: > 0 })
            .ToDictionary(kv => kv.Key, kv => kv.Value!.Errors[0].ErrorMessage, StringComparer.Ordinal);
}
