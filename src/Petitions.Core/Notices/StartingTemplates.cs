namespace Petitions.Core.Notices;

/// <summary>The notices' starting texts, in both languages, written into an empty table; after that they belong to the administrators (/Admin/Notices).</summary>
public static class StartingTemplates
{
    public static IEnumerable<NoticeTemplate> StartingSet() =>
    [
        new() { Kind = NoticeKind.Acceptance, Culture = "zh-CN", Title = "举报受理告知书", Body = """
            举报人：

            您于{received}反映的“{kind}”问题（举报编号 {tracking}，涉及{region}），经审查，符合受理条件，本机关决定予以受理。

            本举报依照{regime}办理，将于{conclusion_due}前办结并答复您。您可凭举报编号和查询密钥在本网站随时查询办理进展。

            感谢您对社会保险基金安全的关心和支持。本机关将依法对举报人信息予以保密。

            {authority}  
            {date}
            """ },
        new() { Kind = NoticeKind.Acceptance, Culture = "en", Title = "Notice of acceptance", Body = """
            To the reporter,

            Your report {tracking} of {received} about "{kind}" in {region} has been reviewed and meets the conditions for acceptance. We have decided to accept it.

            It is handled under the {regime} and will be concluded and answered by {conclusion_due}. You can follow it at any time on this site with the tracking number and access key.

            Thank you for helping to protect the social-insurance funds. We keep the identity of reporters confidential as the law requires.

            {authority}  
            {date}
            """ },
        new() { Kind = NoticeKind.Decline, Culture = "zh-CN", Title = "不予受理告知书", Body = """
            举报人：

            您于{received}反映的“{kind}”问题（举报编号 {tracking}），经审查，本机关决定不予受理。理由如下：

            {reason}

            如对本决定不服，您可在{review_deadline}前通过本网站或向上一级机关请求复查。

            {authority}  
            {date}
            """ },
        new() { Kind = NoticeKind.Decline, Culture = "en", Title = "Notice of non-acceptance", Body = """
            To the reporter,

            Your report {tracking} of {received} about "{kind}" has been reviewed and we have decided not to accept it, for these reasons:

            {reason}

            If you disagree with this decision, you may ask for a review by {review_deadline}, on this site or with the authority one level up.

            {authority}  
            {date}
            """ },
        new() { Kind = NoticeKind.Transfer, Culture = "zh-CN", Title = "举报转送告知书", Body = """
            举报人：

            您于{received}反映的“{kind}”问题（举报编号 {tracking}），经审查，依法应由{receiver}处理，本机关已于{date}转送。理由：

            {reason}

            此后的办理进展请向{receiver}了解。

            {authority}  
            {date}
            """ },
        new() { Kind = NoticeKind.Transfer, Culture = "en", Title = "Notice of transfer", Body = """
            To the reporter,

            Your report {tracking} of {received} about "{kind}" is, by law, for {receiver} to handle; we transferred it to them on {date}, for this reason:

            {reason}

            Please ask {receiver} about its progress from now on.

            {authority}  
            {date}
            """ },
        new() { Kind = NoticeKind.Reply, Culture = "zh-CN", Title = "举报处理答复意见书", Body = """
            举报人：

            您于{received}反映的“{kind}”问题（举报编号 {tracking}），本机关已依照{regime}核查办结。核查结论：**{finding}**。

            {answer}

            如对本答复意见不服，您可在{review_deadline}前通过本网站或向上一级机关请求复查。

            {authority}  
            {date}
            """ },
        new() { Kind = NoticeKind.Reply, Culture = "en", Title = "Reply to your report", Body = """
            To the reporter,

            We have verified and concluded your report {tracking} of {received} about "{kind}" under the {regime}. Finding: **{finding}**.

            {answer}

            If you disagree with this reply, you may ask for a review by {review_deadline}, on this site or with the authority one level up.

            {authority}  
            {date}
            """ },
        new() { Kind = NoticeKind.RewardGranted, Culture = "zh-CN", Title = "举报奖励告知书", Body = """
            举报人：

            您于{received}反映的“{kind}”问题（举报编号 {tracking}）经查证属实。依照{rule}，经审核，决定给予您举报奖励 **{amount}**。

            请于{claim_by}前（含当日）凭举报编号和查询密钥在本网站“查询进展”页面申领，并提供本人姓名、身份证号码和本人名下的银行账户；奖励以非现金方式发放至该账户。逾期未申领的，视为放弃。

            您提供的身份和账户信息仅由发放部门经两人审批后查看，本机关依法予以保密。

            {authority}  
            {date}
            """ },
        new() { Kind = NoticeKind.RewardGranted, Culture = "en", Title = "Notice of a reward", Body = """
            To the reporter,

            Your report {tracking} of {received} about "{kind}" was verified. Under {rule}, we have decided to grant you a reward of **{amount}**.

            Claim it by {claim_by} (inclusive) on this site's tracking page with your tracking number and access key, giving your name, identity number and a bank account in your own name; the reward is paid into that account, never in cash. A reward not claimed by then lapses.

            Your identity and account are seen only by the paying office, after a second person approves, and are kept confidential as the law requires.

            {authority}  
            {date}
            """ },
        new() { Kind = NoticeKind.RewardRefused, Culture = "zh-CN", Title = "不予奖励告知书", Body = """
            举报人：

            您于{received}反映的“{kind}”问题（举报编号 {tracking}）经查证属实，感谢您的举报。经审核，本举报不符合举报奖励条件，理由如下：

            {refusal}

            如对本决定有异议，您可在{review_deadline}前通过本网站或向上一级机关请求复查。

            {authority}  
            {date}
            """ },
        new() { Kind = NoticeKind.RewardRefused, Culture = "en", Title = "Notice that no reward is granted", Body = """
            To the reporter,

            Your report {tracking} of {received} about "{kind}" was verified; thank you for it. Having reviewed it, we find that it does not qualify for a reward, for this reason:

            {refusal}

            If you disagree, you may ask for a review by {review_deadline}, on this site or with the authority one level up.

            {authority}  
            {date}
            """ },
    ];
}
