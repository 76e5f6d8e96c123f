using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>The read endpoint of the shared vocabularies, for forms and filters.</summary>
public static class VocabularyEndpoints
{
    /// <summary>
    /// Maps <c>GET {prefix}/vocabularies/{name}</c> (any signed-in caller) answering the terms of
    /// <paramref name="vocabularies"/> with their labels in zh-CN and en-US, for forms and filters.
    /// </summary>
    public static IEndpointRouteBuilder MapVocabularies(this IEndpointRouteBuilder app, string prefix, params Vocabulary[] vocabularies)
    {
        var byName = vocabularies.ToDictionary(v => v.Name, StringComparer.OrdinalIgnoreCase);
        app.MapGet($"{prefix}/vocabularies", () => TypedResults.Ok(byName.Keys.Order(StringComparer.Ordinal).ToList()))
            .WithTags("Vocabularies").RequireAuthorization(Policies.AnyCaller);
        app.MapGet($"{prefix}/vocabularies/{{name}}", Ok<VocabularyDto> (string name) =>
                byName.TryGetValue(name, out var vocabulary)
                    ? TypedResults.Ok(new VocabularyDto(vocabulary.Name, vocabulary.Terms))
                    : throw new NotFoundException("Vocabulary", name + " (there are: " + string.Join(", ", byName.Keys) + ")"))
            .WithTags("Vocabularies").RequireAuthorization(Policies.AnyCaller);
        return app;
    }
}

/// <summary>A vocabulary as the API answers it.</summary>
public sealed record VocabularyDto(string Name, IReadOnlyList<Term> Terms);
