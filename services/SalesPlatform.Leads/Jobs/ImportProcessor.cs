using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SalesPlatform.Leads.Data;
using SalesPlatform.Leads.Domain;
using SalesPlatform.Leads.Input;
using SalesPlatform.Messaging;
using SalesPlatform.ServiceDefaults;
using SalesPlatform.Domain;

namespace SalesPlatform.Leads.Jobs;

// Several types in one file: The import processor with its options and the import-queue job that drives it.
/// <summary>Settings of the import worker (<c>Leads:Imports</c>).</summary>
public sealed class ImportOptions
{
    public const string Section = "Leads:Imports";

    /// <summary>Rows per chunk; each chunk is one transaction with the job's checkpoint.</summary>
    public int ChunkSize { get; set; } = 1000;

    /// <summary>Failed attempts at one chunk after which the job is marked failed instead of retried forever.</summary>
    public int MaxAttempts { get; set; } = 5;
}

/// <summary>
/// Processes one chunk of a staged import in one transaction: validates and normalises each row,
/// rejects rows without a lawful basis, opted out or on the suppression list, merges duplicates
/// (normalised e-mail, E.164 phone, company + contact name) into the existing lead's missing
/// fields, inserts the rest as queued leads, and commits the row results, the counts and the
/// checkpoint together. The job row is locked (SKIP LOCKED) so replicas never process one chunk twice.
/// </summary>
public sealed class ImportProcessor(LeadsDbContext db, IOptions<ImportOptions> options, IOptions<LeadsOptions> leadsOptions, TimeProvider clock,
    ReportingCalendar calendar)
{
    /// <summary>Processes the next chunk; false when the job is finished, missing, or busy on another replica.</summary>
    public async Task<bool> ProcessChunkAsync(Guid jobId, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var job = await db.ImportJobs
            .FromSqlInterpolated($"SELECT * FROM import_jobs WHERE id = {jobId} AND status = 'Staged' FOR UPDATE SKIP LOCKED")
            .SingleOrDefaultAsync(ct);
        if (job is null)
        {
            return false;
        }

        // Untracked: the results are written back in one statement below, not 1,000 updates.
        var rows = await db.ImportRows.AsNoTracking().Where(r => r.JobId == jobId && r.RowNumber > job.Checkpoint)
            .OrderBy(r => r.RowNumber).Take(options.Value.ChunkSize).ToListAsync(ct);
        var now = clock.GetUtcNow();
        if (rows.Count == 0)
        {
            job.Status = ImportStatus.Completed;
            job.CompletedAt = now;
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return false;
        }

        var scoring = await PolicyStore.LoadAsync<ScoringPolicy>(db, ct);
        var sla = await PolicyStore.LoadAsync<SlaPolicy>(db, ct);
        var today = calendar.DateOf(now);
        var parsed = rows.Select(r => (Row: r, Result: Parse(r, job.Campaign))).ToList();
        var valid = parsed.Where(p => p.Result.Details is not null).Select(p => (p.Row, Details: p.Result.Details!)).ToList();

        var emails = valid.Select(v => v.Details.Email).OfType<string>().Distinct().ToArray();
        var phones = valid.Select(v => v.Details.Phone).OfType<string>().Distinct().ToArray();
        var suppressed = (await db.Suppressions.Where(s => emails.Contains(s.Value) || phones.Contains(s.Value))
            .Select(s => s.Value).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var duplicates = await LeadDuplicates.LoadAsync(db, [.. valid.Select(v => v.Details)], ct);
        var customers = await SalesPlatform.Leads.Consumers.KnownCustomers.ForAsync(db, valid.Select(v => v.Details.Company), ct);

        // New leads and their LeadCaptured outbox rows (what db.AddEvent would add) are written with
        // binary COPY in this transaction below; merged existing leads are tracked and saved by EF.
        var createdLeads = new List<Lead>();
        var outbox = new List<OutboxMessage>();
        foreach (var (row, result) in parsed)
        {
            if (result.Details is not { } details)
            {
                Reject(row, result.Error!);
                continue;
            }

            if (details.OptOut)
            {
                Reject(row, "opted out");
                continue;
            }

            if ((details.Email is not null && suppressed.Contains(details.Email)) || (details.Phone is not null && suppressed.Contains(details.Phone)))
            {
                Reject(row, "on the suppression (opt-out) list");
                continue;
            }

            var duplicate = duplicates.Find(details);
            if (duplicate is not null)
            {
                var filled = duplicate.Value.Lead.MergeMissing(details, now);
                if (filled.Count > 0)
                {
                    // What the row added (a title, a budget) may change the grade: rescore, and re-time the SLA.
                    duplicate.Value.Lead.ApplyScore(scoring.Score(duplicate.Value.Lead.Facts(), today), now, sla);
                }

                duplicates.Register(duplicate.Value.Lead);
                var matchedCustomer = customers.GetValueOrDefault(duplicate.Value.Lead.CompanyKey) is { } known && duplicate.Value.Lead.MatchCustomer(known.CustomerId)
                    ? $"; existing customer {known.CustomerId}" : "";
                row.Outcome = ImportOutcome.Merged;
                row.LeadId = duplicate.Value.Lead.Id;
                row.Reason = $"duplicate of lead {duplicate.Value.Lead.Id} by {duplicate.Value.Key}"
                    + (filled.Count > 0 ? "; filled " + string.Join(", ", filled) : "; nothing new") + matchedCustomer;
                job.Merged++;
                continue;
            }

            var created = Lead.Capture(details, now);
            created.ApplyScore(scoring.Score(created.Facts(), today), now);
            created.TimeFirstContact(sla, now);
            created.QueueForNextRun("imported: waiting for the assignment queue", now);
            if (customers.GetValueOrDefault(created.CompanyKey) is { } customer)
            {
                created.MatchCustomer(customer.CustomerId);
                row.Reason = $"existing customer {customer.CustomerId} ({customer.Name})";
            }

            createdLeads.Add(created);
            outbox.Add(OutboxMessage.From(LeadEvents.Captured(created, now), clock.GetUtcNow()));
            duplicates.Register(created);
            row.Outcome = ImportOutcome.Imported;
            row.LeadId = created.Id;
            job.Imported++;
        }

        job.Checkpoint = rows[^1].RowNumber;
        job.FailedAttempts = 0;
        await db.SaveChangesAsync(ct);
        await BulkInsert.CopyAsync(db, createdLeads, ct);
        await BulkInsert.CopyAsync(db, outbox, ct);
        var numbers = rows.Select(r => r.RowNumber).ToArray();
        var outcomes = rows.Select(r => r.Outcome).ToArray();
        var reasons = rows.Select(r => r.Reason).ToArray();
        var leadIds = rows.Select(r => r.LeadId).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE import_rows SET outcome = v.outcome, reason = v.reason, lead_id = v.lead_id
            FROM unnest({numbers}, {outcomes}, {reasons}, {leadIds}) AS v(row_number, outcome, reason, lead_id)
            WHERE import_rows.job_id = {jobId} AND import_rows.row_number = v.row_number
            """, ct);
        await transaction.CommitAsync(ct);
        return true;

        void Reject(ImportRow row, string reason)
        {
            row.Outcome = ImportOutcome.Rejected;
            row.Reason = reason.Length > 1000 ? reason[..1000] : reason;
            job.Rejected++;
        }
    }

    /// <summary>
    /// Records that a chunk failed (its transaction rolled back, so nothing of it is kept); after
    /// <see cref="ImportOptions.MaxAttempts"/> in a row the job is marked failed with the error.
    /// Returns true when the job was marked failed.
    /// </summary>
    public async Task<bool> RecordFailureAsync(Guid jobId, string error, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var job = await db.ImportJobs.SingleOrDefaultAsync(j => j.Id == jobId && j.Status == ImportStatus.Staged, ct);
        if (job is null)
        {
            return false;
        }

        job.FailedAttempts++;
        job.Error = error.Length > 2000 ? error[..2000] : error;
        if (job.FailedAttempts >= options.Value.MaxAttempts)
        {
            job.Status = ImportStatus.Failed;
            job.CompletedAt = clock.GetUtcNow();
        }

        await db.SaveChangesAsync(ct);
        return job.Status == ImportStatus.Failed;
    }

    /// <summary>Processes chunks until the job is done (or busy elsewhere).</summary>
    public async Task RunAsync(Guid jobId, CancellationToken ct)
    {
        while (await ProcessChunkAsync(jobId, ct))
        {
        }
    }

    private (LeadDetails? Details, string? Error) Parse(ImportRow row, string? jobCampaign)
    {
        Dictionary<string, string> raw;
        try
        {
            raw = JsonSerializer.Deserialize<Dictionary<string, string>>(row.Raw) ?? [];
        }
        catch (JsonException)
        {
            return (null, "unreadable row");
        }

        if (raw.TryGetValue(ImportStaging.RejectedKey, out var rejected))
        {
            return (null, rejected);
        }

        string? Get(string name) => raw.TryGetValue(name, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
        var problems = new List<string>();

        decimal? amount = null;
        if (Get("budget_amount") is { } amountText)
        {
            if (decimal.TryParse(amountText, NumberStyles.Number, CultureInfo.InvariantCulture, out var a))
            {
                amount = a;
            }
            else
            {
                problems.Add($"budget_amount: '{amountText}' is not a number");
            }
        }

        DateOnly? start = null;
        if (Get("expected_start") is { } startText)
        {
            if (DateOnly.TryParse(startText, CultureInfo.InvariantCulture, out var s))
            {
                start = s;
            }
            else
            {
                problems.Add($"expected_start: '{startText}' is not a date (yyyy-mm-dd)");
            }
        }

        Guid? partner = null;
        if (Get("partner_id") is { } partnerText)
        {
            if (Guid.TryParse(partnerText, out var p))
            {
                partner = p;
            }
            else
            {
                problems.Add($"partner_id: '{partnerText}' is not an id");
            }
        }

        var input = new LeadInput(
            Get("source") ?? LeadVocabularies.PurchasedList,
            Get("campaign") ?? jobCampaign,
            partner,
            new CompanyInput(Get("company"), Get("industry"), Get("company_size"), Get("region"), Get("province"), Get("city")),
            new ContactInput(Get("contact_name"), Get("title"), Get("email"), Get("phone")),
            new BudgetInput(amount, Get("budget_currency"), IsTrue(Get("budget_confirmed"))),
            start,
            new ConsentInput(Get("lawful_basis"), IsTrue(Get("opt_out"))),
            Get("purchasing_cycle"));
        var (details, errors) = input.Normalize(leadsOptions.Value.DefaultPhoneRegion);
        problems.AddRange(errors.Select(e => $"{ColumnOf(e.Key)}: {string.Join(" ", e.Value)}"));
        return problems.Count > 0 ? (null, string.Join("; ", problems)) : (details, null);
    }

    private static bool IsTrue(string? value) => value is not null &&
        (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value == "1" || value.Equals("yes", StringComparison.OrdinalIgnoreCase)
         || value.Equals("y", StringComparison.OrdinalIgnoreCase));

    private static string ColumnOf(string field) => field switch
    {
        "company.name" => "company",
        "company.size" => "company_size",
        "contact.name" => "contact_name",
        "contact.email" => "email",
        "contact.phone" => "phone",
        "budget.amount" => "budget_amount",
        "budget.currency" => "budget_currency",
        "consent.lawfulBasis" => "lawful_basis",
        "partnerId" => "partner_id",
        "purchasingCycle" => "purchasing_cycle",
        _ => field,
    };
}

/// <summary>
/// Runs staged imports, oldest first (a shared job: every replica takes part, each chunk is claimed
/// with its checkpoint); a restarted replica resumes from each job's checkpoint.
/// </summary>
public sealed class ImportQueue(LeadsDbContext db, ImportProcessor processor, ILogger<ImportQueue> logger) : IScheduledJob
{
    /// <summary>Job name: settings <c>Jobs:ImportQueue:Enabled</c> and <c>Jobs:ImportQueue:Interval</c>.</summary>
    public const string Name = "ImportQueue";

    /// <inheritdoc />
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var jobs = await db.ImportJobs.AsNoTracking().Where(j => j.Status == ImportStatus.Staged)
            .OrderBy(j => j.CreatedAt).Select(j => j.Id).Take(10).ToListAsync(cancellationToken);
        foreach (var job in jobs)
        {
            try
            {
                await processor.RunAsync(job, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                var failed = await processor.RecordFailureAsync(job, e.Message, cancellationToken);
                logger.LogError(e, "Import {Job}: a chunk failed and was rolled back; {Outcome}", job,
                    failed ? "the job is marked failed" : "it resumes from the last committed chunk");
            }
        }

        return jobs.Count;
    }
}
