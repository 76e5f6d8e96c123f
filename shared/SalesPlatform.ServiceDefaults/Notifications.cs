using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SalesPlatform.Domain;

namespace SalesPlatform.ServiceDefaults;

/// <summary>
/// Something a person should act on (an SLA about to pass, an approval waiting, a customer about to return
/// to the pool), kept in the service that knows it and listed by the person it is for. <see cref="Kind"/> and
/// <see cref="Data"/> let a console word it in the reader's language; <see cref="Message"/> is the plain text.
/// </summary>
public sealed class Notification
{
    /// <summary>Row id.</summary>
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Who it is for: a person id (staff) or a partner id.</summary>
    public Guid Recipient { get; init; }

    /// <summary>What happened, as a stable code (<c>lead.first-contact-due-soon</c>, <c>lead.sla-breached</c>).</summary>
    public string Kind { get; init; } = "";

    /// <summary>The record it is about (<c>lead:{id}</c>).</summary>
    public string Subject { get; init; } = "";

    /// <summary>The text, in Chinese and English.</summary>
    public string Message { get; init; } = "";

    /// <summary>The facts behind it (grade, due time ...), as JSON.</summary>
    public string Data { get; init; } = "{}";

    /// <summary>When it was raised.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the recipient marked it read.</summary>
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>A notification as the API answers it.</summary>
public sealed record NotificationDto(Guid Id, string Kind, string Subject, string Message, JsonElement Data, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    /// <summary>Maps a stored notification.</summary>
    public static NotificationDto From(Notification n) =>
        new(n.Id, n.Kind, n.Subject, n.Message, JsonDocument.Parse(n.Data).RootElement.Clone(), n.CreatedAt, n.ReadAt);
}

/// <summary>
/// The one notifications piece of every service: a <c>notifications</c> table written in the same
/// transaction as what raised it (so a notification is never lost nor sent for something rolled back),
/// <c>GET /api/&lt;service&gt;/notifications</c> (the caller's own, newest first, in the list envelope;
/// <c>?unread=true</c>) and <c>POST .../notifications/{id}/read</c>.
/// </summary>
public static class Notifications
{
    /// <summary>Adds the <c>notifications</c> table (call in <c>OnModelCreating</c>).</summary>
    public static ModelBuilder AddNotifications(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Notification>(notification =>
        {
            notification.ToTable("notifications");
            notification.HasKey(n => n.Id);
            notification.Property(n => n.Kind).HasMaxLength(60);
            notification.Property(n => n.Subject).HasMaxLength(100);
            notification.Property(n => n.Message).HasMaxLength(1000);
            notification.Property(n => n.Data).HasColumnType("jsonb");
            notification.HasIndex(n => new { n.Recipient, n.Id });
        });
        return modelBuilder;
    }

    /// <summary>Adds a notification for each of <paramref name="recipients"/> (distinct) to the unit of work.</summary>
    public static void Notify(this DbContext db, IEnumerable<Guid> recipients, string kind, string subject, string message, object data,
        DateTimeOffset now)
    {
        var json = JsonSerializer.Serialize(data, JsonSerializerOptions.Web);
        foreach (var recipient in recipients.Where(r => r != Guid.Empty).Distinct())
        {
            db.Set<Notification>().Add(new Notification
            {
                Id = Guid.CreateVersion7(now),
                Recipient = recipient,
                Kind = kind,
                Subject = subject,
                Message = message,
                Data = json,
                CreatedAt = now,
            });
        }
    }

    /// <summary>Maps the caller's notifications under <paramref name="prefix"/> (<c>/api/leads</c>).</summary>
    public static IEndpointRouteBuilder MapNotifications<TDbContext>(this IEndpointRouteBuilder app, string prefix) where TDbContext : DbContext
    {
        app.MapGet(prefix + "/notifications", (bool? unread, ListQuery list, HttpContext context, TDbContext db, CancellationToken ct) =>
                ListAsync(unread, list, context, db, ct))
            .WithTags("Notifications").RequireAuthorization(Policies.AnyCaller);
        app.MapPost(prefix + "/notifications/{id:guid}/read", (Guid id, HttpContext context, TDbContext db, TimeProvider clock, CancellationToken ct) =>
                MarkReadAsync(id, context, db, clock, ct))
            .WithTags("Notifications").RequireAuthorization(Policies.AnyCaller);
        return app;
    }

    private static async Task<Ok<ListPage<NotificationDto>>> ListAsync<TDbContext>(bool? unread, ListQuery list, HttpContext context, TDbContext db,
        CancellationToken ct) where TDbContext : DbContext
    {
        var me = Me(Caller.From(context.User));
        var query = db.Set<Notification>().AsNoTracking().Where(n => n.Recipient == me);
        if (unread == true)
        {
            query = query.Where(n => n.ReadAt == null);
        }

        return TypedResults.Ok(await query.ToPageAsync(list, n => n.Id, NotificationDto.From, ct));
    }

    private static async Task<Ok<NotificationDto>> MarkReadAsync<TDbContext>(Guid id, HttpContext context, TDbContext db, TimeProvider clock,
        CancellationToken ct) where TDbContext : DbContext
    {
        var me = Me(Caller.From(context.User));
        var notification = await db.Set<Notification>().SingleOrDefaultAsync(n => n.Id == id && n.Recipient == me, ct)
            ?? throw new NotFoundException("Notification", id);
        notification.ReadAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(NotificationDto.From(notification));
    }

    private static Guid Me(Caller caller) =>
        caller.PersonId ?? caller.PartnerId ?? throw new ForbiddenException("Notifications are for a signed-in person or partner.");
}
