using System.Buffers;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// Every string bound from a request loses the control characters that have no place in text (NUL and the
/// other C0 controls except tab, line feed and carriage return, and DEL). PostgreSQL cannot store NUL, so an
/// "a\0b" in any field or query parameter would otherwise end in a database error. The field gets a message
/// ("invisible control characters were removed; check and send again") and shows the cleaned text, so a form
/// that checks its model state asks once more instead of saving a text the person did not see.
/// </summary>
public sealed class CleanStringBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.ModelType == typeof(string)
            ? new CleanStringBinder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
            : null;

    private sealed class CleanStringBinder(IModelBinder inner) : IModelBinder
    {
        private static readonly SearchValues<char> Unwanted = SearchValues.Create(
            "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\u000E\u000F\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\u007F");

        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result.IsModelSet && bindingContext.Result.Model is string text && text.AsSpan().ContainsAny(Unwanted))
            {
                var clean = string.Concat(text.Where(c => !Unwanted.Contains(c)));
                bindingContext.Result = ModelBindingResult.Success(clean);
                // The person is told, beside the field, and sees their text again without the characters.
                var l = bindingContext.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, clean, clean);
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, l["Validation.ControlCharacters"]);
            }
        }
    }
}
