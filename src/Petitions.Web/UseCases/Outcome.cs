namespace Petitions.Web.UseCases;

/// <summary>How a use case ended, for the page to turn into a message, a redirect or a 404.</summary>
public enum OutcomeKind
{
    Done,
    /// <summary>A field's value was refused; <see cref="Outcome.Field"/> names it.</summary>
    Invalid,
    /// <summary>The action is not allowed for this person in the report's current state.</summary>
    NotAllowed,
    /// <summary>Someone else changed the report since the page was built; nothing was saved.</summary>
    Stale,
    /// <summary>The report does not exist for this person.</summary>
    NotFound,
}

/// <summary>
/// The result of a handler: the kind, and the resource key of the message to show (with its arguments). For
/// <see cref="OutcomeKind.Invalid"/>, <see cref="Field"/> is the form field the message belongs beside.
/// </summary>
public sealed record Outcome(OutcomeKind Kind, string? MessageKey = null, object[]? Args = null, string? Field = null)
{
    public static Outcome Done(string messageKey, params object[] args) => new(OutcomeKind.Done, messageKey, args);
    public static Outcome Invalid(string field, string messageKey, params object[] args) => new(OutcomeKind.Invalid, messageKey, args, field);
    public static Outcome NotAllowed(string messageKey) => new(OutcomeKind.NotAllowed, messageKey);
    public static Outcome Stale(string messageKey) => new(OutcomeKind.Stale, messageKey);
    public static readonly Outcome NotFound = new(OutcomeKind.NotFound);

    public bool Succeeded => Kind == OutcomeKind.Done;
}
