using System.Text;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// ASP.NET Core's form reader refuses a URL-encoded form with an encoded NUL (%00) in it: the whole post becomes a
/// 400 page and what the person typed is lost. This turns each %00 into %01 before the form is read; the string
/// binder (<see cref="CleanStringBinderProvider"/>) then removes it and puts a message beside the field it was in,
/// with the rest of the text kept.
/// </summary>
public static class FormNulGuard
{
    /// <summary>Forms larger than this are not rewritten (the request-size limit refuses them anyway).</summary>
    private const int MaxBytes = 1 << 20;

    public static IApplicationBuilder UseFormNulGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            && request.ContentLength is > 0 and <= MaxBytes)
        {
            var buffer = new MemoryStream((int)request.ContentLength.Value);
            await request.Body.CopyToAsync(buffer, context.RequestAborted);
            var body = buffer.ToArray();
            if (Contains(body))
            {
                var text = Encoding.ASCII.GetString(body).Replace("%00", "%01", StringComparison.Ordinal);
                body = Encoding.ASCII.GetBytes(text);
            }
            request.Body = new MemoryStream(body);
            request.ContentLength = body.Length;
        }
        await next();
    });

    private static bool Contains(byte[] body)
    {
        for (var i = 0; i + 2 < body.Length; i++)
        {
            if (body[i] == '%' && body[i + 1] == '0' && body[i + 2] == '0')
            {
                return true;
            }
        }
        return false;
    }
}
