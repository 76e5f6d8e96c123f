using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// The one rule for text that comes in (JSON bodies, query strings, forms, import files): no U+0000
/// or other control characters and no broken surrogate pairs, because PostgreSQL refuses NUL in text
/// and control characters have no business in a name. Fields marked <see cref="MultilineTextAttribute"/>
/// may hold tab, line feed and carriage return. Applied before anything reaches a database or a file.
/// </summary>
public static class TextInput
{
    /// <summary>Why <paramref name="value"/> is not acceptable text, or null when it is.</summary>
    public static string? Problem(string? value, bool multiline = false)
    {
        if (value is null)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\0')
            {
                return $"Contains a NUL character (U+0000) at position {i + 1}; remove it.";
            }

            if (char.IsControl(c) && !(multiline && c is '\t' or '\n' or '\r'))
            {
                return $"Contains the control character U+{(int)c:X4} at position {i + 1}"
                    + (multiline ? "; only tab and line breaks are allowed." : "; this field takes a single line of text.");
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return $"Contains a broken character (lone surrogate U+{(int)c:X4}) at position {i + 1}.";
            }
        }

        return null;
    }

    /// <summary>Throws a 400 naming <paramref name="field"/> when <paramref name="value"/> is not acceptable text.</summary>
    public static void Require(string field, string? value, bool multiline = false)
    {
        if (Problem(value, multiline) is { } problem)
        {
            throw new RequestValidationException(field, problem);
        }
    }

    /// <summary>Adds the JSON rule to <paramref name="options"/>: every string checked, multiline where marked.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new SingleLineConverter());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(MarkMultiline);
    }

    /// <summary>The first query value, path or urlencoded form field that is not acceptable text, as (field, problem).</summary>
    public static async Task<(string Field, string Problem)?> FindInRequestAsync(HttpRequest request)
    {
        if (Problem(request.Path.Value) is { } pathProblem)
        {
            return ("path", pathProblem);
        }

        foreach (var (name, values) in request.Query)
        {
            if (Check(name, values) is { } found)
            {
                return found;
            }
        }

        if (request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
            && request.ContentLength is null or <= MaxCheckedFormBytes)
        {
            // Read as text, not with ReadFormAsync: ASP.NET's form reader throws (500) on a NUL before we
            // could name the field. Buffered and rewound, so a proxy (the gateway) still forwards the body.
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: false,
                bufferSize: 4096, leaveOpen: true);
            var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
            request.Body.Position = 0;
            foreach (var pair in text.Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = pair.Split('=', 2);
                if (Check(Decode(parts[0]), parts.Length > 1 ? Decode(parts[1]) : "") is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    private const long MaxCheckedFormBytes = 1024 * 1024;

    private static string Decode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    private static (string, string)? Check(string name, StringValues values)
    {
        if (Problem(name) is { } nameProblem)
        {
            return ("parameter name", nameProblem);
        }

        foreach (var value in values)
        {
            if (Problem(value) is { } problem)
            {
                return (name, problem);
            }
        }

        return null;
    }

    private static void MarkMultiline(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.PropertyType == typeof(string)
                && property.AttributeProvider?.IsDefined(typeof(MultilineTextAttribute), inherit: true) == true)
            {
                property.CustomConverter = new MultilineConverter();
            }
        }
    }

    private abstract class CheckedConverter(bool multiline) : JsonConverter<string>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(reader.GetString());

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

        public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Checked(reader.GetString())!;

        public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value);

        private string? Checked(string? value) =>
            Problem(value, multiline) is { } problem ? throw new JsonException(problem) : value;
    }

    private sealed class SingleLineConverter() : CheckedConverter(multiline: false);

    private sealed class MultilineConverter() : CheckedConverter(multiline: true);
}

/// <summary>
/// Marks a string property (a note, a reason, a next step) as free text that may hold tab and line
/// breaks; every other string takes a single line (see <see cref="TextInput"/>). On a positional
/// record parameter write <c>[property: MultilineText]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultilineTextAttribute : Attribute;
