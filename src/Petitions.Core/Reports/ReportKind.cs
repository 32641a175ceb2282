namespace Petitions.Core.Reports;

/// <summary>A kind of report; admin-editable, seeded with the starting list of docs/domain.md.</summary>
public sealed class ReportKind
{
    public required string Code { get; set; }
    public required string NameZh { get; set; }
    public required string NameEn { get; set; }
    public int SortOrder { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>The legal regime whose time limits reports of this kind run under (an administrator chooses it).</summary>
    public string RegimeCode { get; set; } = Policy.LegalRegime.LettersAndVisits;

    public string Name(bool chinese) => chinese ? NameZh : NameEn;

    public static IReadOnlyList<ReportKind> StartingList { get; } =
    [
        new() { Code = "deceased-pension", RegimeCode = Policy.LegalRegime.SocialInsuranceFunds, SortOrder = 1, NameZh = "冒领死亡人员养老金", NameEn = "Pension drawn for a deceased person" },
        new() { Code = "duplicate-claims", RegimeCode = Policy.LegalRegime.SocialInsuranceFunds, SortOrder = 2, NameZh = "多领、重复领取", NameEn = "Duplicate or multiple claims" },
        new() { Code = "card-not-owner", RegimeCode = Policy.LegalRegime.SocialInsuranceFunds, SortOrder = 3, NameZh = "社保卡非本人持有", NameEn = "Social-security card held by someone other than its owner" },
        new() { Code = "inflated-benefit", RegimeCode = Policy.LegalRegime.SocialInsuranceFunds, SortOrder = 4, NameZh = "虚报冒领、违规调高待遇", NameEn = "Inflated benefit standard or false eligibility" },
        new() { Code = "improper-payment", RegimeCode = Policy.LegalRegime.SocialInsuranceFunds, SortOrder = 5, NameZh = "违规补发、提前发放", NameEn = "Improper back-payment or early payment" },
        new() { Code = "staff-embezzlement", RegimeCode = Policy.LegalRegime.SocialInsuranceFunds, SortOrder = 6, NameZh = "经办人员贪污挪用", NameEn = "Embezzlement or misappropriation by staff" },
        new() { Code = "dereliction", SortOrder = 7, NameZh = "审批把关失职渎职", NameEn = "Dereliction in approval or supervision" },
        new() { Code = "medical-insurance", SortOrder = 8, NameZh = "欺诈骗保", NameEn = "Medical-insurance fraud" },
        new() { Code = "subsidy-card", SortOrder = 9, NameZh = "惠民惠农补贴\"一卡通\"", NameEn = "Subsidy \"one-card\" problems" },
        new() { Code = "other", SortOrder = 10, NameZh = "其他", NameEn = "Other" },
    ];
}
