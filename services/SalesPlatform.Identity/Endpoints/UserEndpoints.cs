using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

using SalesPlatform.Identity.Data;
using SalesPlatform.Identity.Domain;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Identity.Endpoints;

/// <summary>
/// Admin API for staff accounts. A user's id is their team-performance person id, so the token's
/// <c>sub</c> names the person the services scope data by. Role changes and deactivation take effect
/// at the next sign-in or token refresh.
/// </summary>
public static class UserEndpoints
{
    public const int MinimumPasswordLength = 8;

    public sealed record CreateUserRequest(Guid? PersonId, string? Email, string? Name, IReadOnlyList<string>? Roles, string? Password);

    public sealed record ChangeRolesRequest(IReadOnlyList<string>? Roles);

    public sealed record UserDto(Guid PersonId, string Email, string Name, IReadOnlyList<string> Roles, bool IsActive)
    {
        public static UserDto From(StaffUser user) => new(user.Id, user.Email, user.Name, user.Roles, user.IsActive);
    }

    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/identity/users").RequireAuthorization(Policies.Admin).WithTags("Users");
        users.MapPost("/", CreateUser);
        users.MapGet("/", ListUsers);
        users.MapPut("/{personId:guid}/roles", ChangeRoles);
        users.MapPost("/{personId:guid}/deactivate", DeactivateUser);
        return app;
    }

    private static async Task<Created<UserDto>> CreateUser(CreateUserRequest request, IdentityDbContext db,
        IPasswordHasher<StaffUser> hasher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.PersonId is null || request.PersonId == Guid.Empty)
        {
            errors["personId"] = ["The team-performance person id is required."];
        }

        var email = StaffUser.NormalizeEmail(request.Email ?? "");
        if (email.Length is 0 or > 256 || !email.Contains('@', StringComparison.Ordinal))
        {
            errors["email"] = ["An e-mail address of at most 256 characters is required."];
        }

        var name = request.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors["name"] = ["A name of at most 200 characters is required."];
        }

        if (ValidateRoles(request.Roles) is { } rolesError)
        {
            errors["roles"] = [rolesError];
        }

        if ((request.Password?.Length ?? 0) < MinimumPasswordLength)
        {
            errors["password"] = [$"The password needs at least {MinimumPasswordLength} characters."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        if (await db.Users.AnyAsync(u => u.Id == request.PersonId || u.Email == email, cancellationToken))
        {
            throw new ConflictException("user_exists", "A user with this person id or e-mail already exists.");
        }

        var user = new StaffUser(request.PersonId!.Value, email, name, request.Roles!, clock.GetUtcNow());
        user.SetPasswordHash(hasher.HashPassword(user, request.Password!));
        db.Users.Add(user);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/identity/users/{user.Id}", UserDto.From(user));
    }

    private static async Task<Ok<ListPage<UserDto>>> ListUsers(ListQuery list, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var users = db.Users.AsNoTracking();
        if (list.Pattern is { } pattern)
        {
            users = users.Where(u => EF.Functions.ILike(u.Name, pattern) || EF.Functions.ILike(u.Email, pattern));
        }

        return TypedResults.Ok(await users.ToPageAsync(list, u => u.Id, UserDto.From, cancellationToken, ListSort.Oldest));
    }

    private static async Task<Ok<UserDto>> ChangeRoles(Guid personId, ChangeRolesRequest request, IdentityDbContext db,
        CancellationToken cancellationToken)
    {
        if (ValidateRoles(request.Roles) is { } rolesError)
        {
            throw new RequestValidationException("roles", rolesError);
        }

        var user = await db.Users.FindAsync([personId], cancellationToken) ?? throw new NotFoundException("User", personId);
        user.ChangeRoles(request.Roles!);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(UserDto.From(user));
    }

    private static async Task<NoContent> DeactivateUser(Guid personId, IdentityDbContext db, CancellationToken cancellationToken)
    {
        var user = await db.Users.FindAsync([personId], cancellationToken) ?? throw new NotFoundException("User", personId);
        user.Deactivate();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Staff roles only: the partner role belongs to partner clients and keys.</summary>
    private static string? ValidateRoles(IReadOnlyList<string>? roles) =>
        roles is null || roles.Count == 0 || roles.Any(r => r == Roles.Partner || !Roles.All.Contains(r))
            ? $"At least one role, each one of: {string.Join(", ", Roles.All.Where(r => r != Roles.Partner))}."
            : null;
}
