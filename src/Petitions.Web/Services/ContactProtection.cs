namespace Petitions.Web.Services;

/// <summary>The Data Protection purpose for reporters' contact details, encrypted at rest.</summary>
public static class ContactProtection
{
    public const string Purpose = "Petitions.ReporterContact.v1";
}
