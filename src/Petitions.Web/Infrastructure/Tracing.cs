using System.Diagnostics;
using Hangfire.Client;
using Hangfire.Common;
using Hangfire.Server;

namespace Petitions.Web.Infrastructure;

/// <summary>
/// The site's own spans: a filing, the background job it wakes, and each report's triage, in one trace. Spans carry
/// a report's id (a random GUID) and never a person, a text, a tracking key or a client's address.
/// </summary>
public static class Tracing
{
    public const string SourceName = "Petitions";
    public const string ReportIdTag = "petitions.report.id";
    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? StartForReport(string name, Guid reportId)
    {
        var activity = Source.StartActivity(name);
        activity?.SetTag(ReportIdTag, reportId.ToString());
        return activity;
    }
}

/// <summary>
/// Carries the trace across Hangfire: the enqueuing request's trace context is kept as a job parameter, and the job
/// runs in a span whose parent it is, so a filing and the triage it wakes read as one trace.
/// </summary>
public sealed class JobTracing : JobFilterAttribute, IClientFilter, IServerFilter
{
    private const string Parameter = "traceparent";
    private const string Item = "petitions.activity";

    public void OnCreating(CreatingContext context)
    {
        if (Activity.Current?.Id is { } id)
        {
            context.SetJobParameter(Parameter, id);
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        var job = context.BackgroundJob.Job;
        var parent = context.GetJobParameter<string>(Parameter);
        var activity = Tracing.Source.StartActivity($"job {job.Type.Name}.{job.Method.Name}", ActivityKind.Consumer, parent);
        if (activity is not null)
        {
            context.Items[Item] = activity;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        if (context.Items.TryGetValue(Item, out var value) && value is Activity activity)
        {
            if (context.Exception is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, context.Exception.GetType().Name);
            }
            activity.Dispose();
        }
    }
}
