namespace Petitions.Data;

/// <summary>
/// A live sign-in or tracking session, known to the server by a random id that its cookie carries. Ending a
/// session deletes the row, so a copy of the cookie taken before signing out opens nothing afterwards. Nothing
/// about the person is kept: only the id and when the session ends at the latest.
/// </summary>
public sealed class ServerSession
{
    public Guid Id { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
