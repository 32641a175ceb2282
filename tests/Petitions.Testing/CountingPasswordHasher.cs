using Microsoft.AspNetCore.Identity;
using Petitions.Data;

namespace Petitions.Testing;

/// <summary>Identity's own hasher, counting its calls: equal work on every path is checked by counting, not timing.</summary>
public sealed class CountingPasswordHasher : IPasswordHasher<AppUser>
{
    private readonly PasswordHasher<AppUser> _inner = new();
    private int _calls;

    public int Calls => Volatile.Read(ref _calls);

    public string HashPassword(AppUser user, string password)
    {
        Interlocked.Increment(ref _calls);
        return _inner.HashPassword(user, password);
    }

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _calls);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
