using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using Petitions.Web.UseCases.Intake;

namespace Petitions.Web.Pages;

/// <summary>Puts the intake use case's refusals beside the page's own fields, in the page's language.</summary>
public static class IntakeErrors
{
    /// <param name="state">The page's model state.</param>
    /// <param name="errors">The refusals, named by the submission's fields.</param>
    /// <param name="l">The page's localizer.</param>
    /// <param name="fieldOf">The page's form field for a submission field ("Input." and the same name, unless the form differs).</param>
    public static void AddIntakeErrors(this ModelStateDictionary state, IEnumerable<IntakeError> errors, IStringLocalizer l, Func<string, string>? fieldOf = null)
    {
        foreach (var error in errors)
        {
            var field = fieldOf?.Invoke(error.Field) ?? "Input." + error.Field;
            // One message per field: the first refusal is the one to fix first.
            if (state.TryGetValue(field, out var entry) && entry.Errors.Count > 0)
            {
                continue;
            }
            state.AddModelError(field, l[error.MessageKey, error.Args]);
        }
    }
}
