using System.ComponentModel.DataAnnotations;

namespace Petitions.Web.Pages.Filing;

/// <summary>
/// What a reporter types into the filing form (labels only: the rules every report follows are the intake use case's,
/// <see cref="UseCases.Intake.IntakeRules"/>; the codes' lengths here only keep what is bound short).
/// </summary>
public sealed class ReportInput
{
    public bool Anonymous { get; set; } = true;

    [StringLength(40, ErrorMessage = "Validation.Invalid")]
    [Display(Name = "Report.Kind")]
    public string? KindCode { get; set; }

    [StringLength(6, ErrorMessage = "Validation.Invalid")]
    [Display(Name = "Report.Province")]
    public string? ProvinceCode { get; set; }

    [StringLength(6, ErrorMessage = "Validation.Invalid")]
    [Display(Name = "Report.City")]
    public string? CityCode { get; set; }

    [StringLength(6, ErrorMessage = "Validation.Invalid")]
    [Display(Name = "Report.County")]
    public string? CountyCode { get; set; }

    public List<PersonInput> People { get; set; } = [];

    [DataType(DataType.Date)]
    [Display(Name = "Report.PeriodFrom")]
    public DateOnly? PeriodFrom { get; set; }

    [DataType(DataType.Date)]
    [Display(Name = "Report.PeriodTo")]
    public DateOnly? PeriodTo { get; set; }

    [Display(Name = "Report.Amount")]
    public decimal? AmountYuan { get; set; }

    [Display(Name = "Report.Cards")]
    public int? CardsOrPeople { get; set; }

    [Display(Name = "Report.Description")]
    public string? Description { get; set; }

    // Real-name reports only: the reporter's identity, stored encrypted and shown to an officer only with a
    // supervisor's approval.

    [Display(Name = "Report.Reporter.Name")]
    public string? ReporterName { get; set; }

    [Display(Name = "Report.Reporter.IdNumber")]
    public string? ReporterIdNumber { get; set; }

    [Display(Name = "Report.Reporter.Phone")]
    public string? ReporterPhone { get; set; }

    public bool HasIdentity => !string.IsNullOrWhiteSpace(ReporterName) || !string.IsNullOrWhiteSpace(ReporterIdNumber) || !string.IsNullOrWhiteSpace(ReporterPhone);
}

public sealed class PersonInput
{
    [Display(Name = "Report.Person.Name")]
    public string? Name { get; set; }

    [Display(Name = "Report.Person.Unit")]
    public string? Unit { get; set; }

    [Display(Name = "Report.Person.Position")]
    public string? Position { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Unit) && string.IsNullOrWhiteSpace(Position);
}
