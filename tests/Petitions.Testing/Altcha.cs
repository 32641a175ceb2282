using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Petitions.Testing;

/// <summary>Solves the site's ALTCHA challenge the way the browser widget does.</summary>
public static class Altcha
{
    public static async Task<string> SolveAsync(HttpClient http)
    {
        var challenge = await http.GetFromJsonAsync<JsonElement>("/Report/Challenge");
        var salt = challenge.GetProperty("salt").GetString()!;
        var target = challenge.GetProperty("challenge").GetString()!;
        var max = challenge.GetProperty("maxnumber").GetInt32();
        for (var n = 0; n <= max; n++)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + n.ToString(CultureInfo.InvariantCulture))));
            if (hash == target)
            {
                var payload = JsonSerializer.Serialize(new
                {
                    algorithm = "SHA-256",
                    challenge = target,
                    number = n,
                    salt,
                    signature = challenge.GetProperty("signature").GetString(),
                    took = 1,
                });
                return Convert.ToBase64String(Encoding.UTF8.GetBytes(payload));
            }
        }
        throw new InvalidOperationException("Challenge has no solution.");
    }
}
