using System.ComponentModel.DataAnnotations;

namespace Petitions.Web.Pages.Filing;

/// <summary>What a reporter types into the filing form. Messages are resource keys.</summary>
public sealed class ReportInput
{
    public bool Anonymous { get; set; } = true;

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(40, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Report.Kind")]
    public string? KindCode { get; set; }

    [Required(ErrorMessage = "Report.Region.Required")]
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

    [Range(typeof(decimal), "0", "100000000000", ErrorMessage = "Report.Amount.Range", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true)]
    [Display(Name = "Report.Amount")]
    public decimal? AmountYuan { get; set; }

    [Range(0, 10_000_000, ErrorMessage = "Report.Cards.Range")]
    [Display(Name = "Report.Cards")]
    public int? CardsOrPeople { get; set; }

    [Required(ErrorMessage = "Validation.Required")]
    [StringLength(20_000, MinimumLength = 20, ErrorMessage = "Report.Description.Length")]
    [Display(Name = "Report.Description")]
    public string? Description { get; set; }

    // Real-name reports only: the reporter's identity, stored encrypted and shown to an officer only with a
    // supervisor's approval.

    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Report.Reporter.Name")]
    public string? ReporterName { get; set; }

    [StringLength(30, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Report.Reporter.IdNumber")]
    public string? ReporterIdNumber { get; set; }

    [StringLength(30, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Report.Reporter.Phone")]
    public string? ReporterPhone { get; set; }

    public bool HasIdentity => !string.IsNullOrWhiteSpace(ReporterName) || !string.IsNullOrWhiteSpace(ReporterIdNumber) || !string.IsNullOrWhiteSpace(ReporterPhone);
}

public sealed class PersonInput
{
    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Report.Person.Name")]
    public string? Name { get; set; }

    [StringLength(200, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Report.Person.Unit")]
    public string? Unit { get; set; }

    [StringLength(100, ErrorMessage = "Validation.TooLong")]
    [Display(Name = "Report.Person.Position")]
    public string? Position { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Unit) && string.IsNullOrWhiteSpace(Position);
}
