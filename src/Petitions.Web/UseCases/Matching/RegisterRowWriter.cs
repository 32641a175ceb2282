using NpgsqlTypes;
using Npgsql;
using Petitions.Core.Matching;

namespace Petitions.Web.UseCases.Matching;

/// <summary>
/// One checked row of a register into the import's binary COPY: the ledger's into its own narrow table
/// (<c>register_payments</c>), every other register's into <c>register_entries</c>, numbers only sealed and hashed.
/// One writer per import (it remembers the last card's hash).
/// </summary>
internal sealed class RegisterRowWriter(RegisterSealing sealing)
{
    private string? _lastCard;
    private byte[]? _lastCardLink;

    public void Write(NpgsqlBinaryImporter writer, RegisterSource source, Guid importId, int line, RegisterRecord r)
    {
        if (source == RegisterSource.PaymentLedger)
        {
            WritePayment(writer, importId, line, r);
            return;
        }
        // Synchronous writes: the importer's buffer is flushed in large blocks, and a per-field await costs more than the field.
        writer.StartRow();
        writer.Write(importId, NpgsqlDbType.Uuid);
        writer.Write(source.ToString(), NpgsqlDbType.Varchar);
        writer.Write(line, NpgsqlDbType.Integer);
        Write(writer, r.PersonNumber, NpgsqlDbType.Varchar);
        Write(writer, r.Name, NpgsqlDbType.Varchar);
        Write(writer, sealing.Link(r.IdNumber), NpgsqlDbType.Bytea);
        Write(writer, sealing.Seal(r.IdNumber ?? r.UncheckedId), NpgsqlDbType.Text);
        Write(writer, r.Sex?.ToString(), NpgsqlDbType.Char);
        WriteValue(writer, r.BirthDate, NpgsqlDbType.Date);
        Write(writer, r.Region, NpgsqlDbType.Char);
        WriteCardLink(writer, r.Card);
        // The bank's cards are only joined on (the roll holds it sealed, to show): no ciphertext per withdrawal.
        Write(writer, source is RegisterSource.BankWithdrawal ? null : sealing.Seal(r.Card), NpgsqlDbType.Text);
        Write(writer, sealing.Link(r.Phone), NpgsqlDbType.Bytea);
        Write(writer, sealing.Seal(r.Phone), NpgsqlDbType.Text);
        WriteValue(writer, r.MonthlyAmount, NpgsqlDbType.Numeric);
        WriteValue(writer, r.Period, NpgsqlDbType.Date);
        WriteValue(writer, r.Amount, NpgsqlDbType.Numeric);
        Write(writer, r.PaymentKind?.ToString(), NpgsqlDbType.Varchar);
        WriteValue(writer, r.PaidOn, NpgsqlDbType.Date);
        Write(writer, r.Approver, NpgsqlDbType.Varchar);
        WriteValue(writer, r.EventDate, NpgsqlDbType.Date);
        Write(writer, r.Status?.ToString(), NpgsqlDbType.Varchar);
        Write(writer, r.Reason, NpgsqlDbType.Varchar);
        WriteValue(writer, r.EndDate, NpgsqlDbType.Date);
        WriteValue(writer, r.WithdrawnAt, NpgsqlDbType.Timestamp);
        Write(writer, r.Terminal, NpgsqlDbType.Varchar);
        Write(writer, sealing.Link(r.Address), NpgsqlDbType.Bytea);
        Write(writer, sealing.Seal(r.Address), NpgsqlDbType.Text);
    }

    private void WritePayment(NpgsqlBinaryImporter writer, Guid importId, int line, RegisterRecord r)
    {
        writer.StartRow();
        writer.Write(importId, NpgsqlDbType.Uuid);
        writer.Write(line, NpgsqlDbType.Integer);
        writer.Write(r.PersonNumber!, NpgsqlDbType.Varchar);
        WriteCardLink(writer, r.Card);
        writer.Write(r.Period!.Value, NpgsqlDbType.Date);
        writer.Write(r.Amount!.Value, NpgsqlDbType.Numeric);
        writer.Write(r.PaymentKind!.Value.ToString(), NpgsqlDbType.Varchar);
        writer.Write(r.PaidOn!.Value, NpgsqlDbType.Date);
        Write(writer, r.Approver, NpgsqlDbType.Varchar);
    }

    /// <summary>A ledger or a bank feed gives one card on many consecutive rows: its keyed hash is computed once for them.</summary>
    private void WriteCardLink(NpgsqlBinaryImporter writer, string? card)
    {
        if (card != _lastCard)
        {
            (_lastCard, _lastCardLink) = (card, sealing.Link(card));
        }
        Write(writer, _lastCardLink, NpgsqlDbType.Bytea);
    }

    private static void Write<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type) where T : class
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, type);
        }
    }

    private static void WriteValue<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v)
        {
            writer.Write(v, type);
        }
        else
        {
            writer.WriteNull();
        }
    }
}
