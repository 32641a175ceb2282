using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Petitions.Web.Services;

public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>When set (Development, tests), mail is written as .eml files here instead of sent.</summary>
    public string? PickupDirectory { get; set; }
    public string? SmtpHost { get; set; }
    [System.ComponentModel.DataAnnotations.Range(1, 65535)] public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
    [System.ComponentModel.DataAnnotations.Required] public string From { get; set; } = "Petitions <no-reply@petitions.invalid>";
}

/// <summary>The site's mailer: MailKit over SMTP in production, a pickup folder in Development.</summary>
public sealed class Mailer(IOptions<MailOptions> options, Infrastructure.PetitionsMetrics metrics, ILogger<Mailer> logger)
{
    private readonly MailOptions _options = options.Value;

    /// <summary>
    /// Sends one message. With a <paramref name="messageKey"/> (a notification's id) a second attempt after a
    /// crash is the same message: the same pickup file, overwritten, and the same Message-Id for mail servers.
    /// </summary>
    public async Task SendAsync(string to, string subject, string textBody, string? messageKey = null, CancellationToken ct = default)
    {
        try
        {
            await DeliverAsync(to, subject, textBody, messageKey, ct);
            metrics.MailSent.Add(1);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Counted once per attempt; the job that sent it retries, and each retry that fails counts again.
            metrics.MailFailed.Add(1);
            throw;
        }
    }

    private async Task DeliverAsync(string to, string subject, string textBody, string? messageKey, CancellationToken ct)
    {
        var message = new MimeMessage();
        if (messageKey is not null)
        {
            message.MessageId = $"{messageKey}@petitions.invalid";
        }
        message.From.Add(MailboxAddress.Parse(_options.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = textBody };
        if (!string.IsNullOrEmpty(_options.PickupDirectory))
        {
            Directory.CreateDirectory(_options.PickupDirectory);
            var name = messageKey ?? $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}";
            var temp = Path.Combine(_options.PickupDirectory, $"{name}-{Guid.NewGuid():N}.tmp");
            await message.WriteToAsync(temp, ct);
            // Appears whole or not at all to whoever reads the folder.
            File.Move(temp, Path.Combine(_options.PickupDirectory, name + ".eml"), overwrite: true);
            return;
        }
        if (string.IsNullOrEmpty(_options.SmtpHost))
        {
            throw new InvalidOperationException("Mail is not configured: set Mail:SmtpHost or Mail:PickupDirectory.");
        }
        using var smtp = new SmtpClient();
        await smtp.ConnectAsync(_options.SmtpHost, _options.SmtpPort, SecureSocketOptions.StartTlsWhenAvailable, ct);
        if (!string.IsNullOrEmpty(_options.SmtpUser))
        {
            await smtp.AuthenticateAsync(_options.SmtpUser, _options.SmtpPassword ?? "", ct);
        }
        await smtp.SendAsync(message, ct);
        await smtp.DisconnectAsync(true, ct);
        logger.LogInformation("Mail sent");
    }
}
