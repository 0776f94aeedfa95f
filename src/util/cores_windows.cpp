// The processors a Windows process may use (util/platform.hpp): its affinity,
// and its job object's hard CPU cap.
#ifdef _WIN32

#include "util/cpu_quota.hpp"
#include "util/platform.hpp"

#include <algorithm>
#include <optional>
#include <thread>
#include <windows.h>

namespace cppvenv::platform {

namespace {

// What the job object this process is in allows, if its CPU rate is capped.
// With nested jobs, only the innermost job's rate is read (what
// QueryInformationJobObject gives for no handle): an outer job's cap is missed.
std::optional<unsigned> cores_in_job() {
    JOBOBJECT_CPU_RATE_CONTROL_INFORMATION rate{};
    if (!::QueryInformationJobObject(nullptr, JobObjectCpuRateControlInformation, &rate,
                                     sizeof rate, nullptr)) {
        return std::nullopt; // in no job, or a system that cannot say (wine)
    }
    return cores_in_job_cpu_rate(rate.ControlFlags, rate.CpuRate,
                                 ::GetActiveProcessorCount(ALL_PROCESSOR_GROUPS));
}

} // namespace

unsigned available_cores() {
    // As on Linux: the processors of this process's affinity (within its
    // processor group), fewer when its job's CPU cap allows fewer.
    static const unsigned cores = [] {
        unsigned count = std::thread::hardware_concurrency();
        DWORD_PTR process_mask = 0;
        DWORD_PTR system_mask = 0;
        if (::GetProcessAffinityMask(::GetCurrentProcess(), &process_mask, &system_mask) &&
            process_mask != 0) {
            unsigned in_mask = 0;
            for (DWORD_PTR bits = process_mask; bits != 0; bits &= bits - 1) {
                ++in_mask;
            }
            count = count == 0 ? in_mask : std::min(count, in_mask);
        }
        const std::optional<unsigned> quota = cores_in_job();
        if (quota && (count == 0 || *quota < count)) {
            count = *quota;
        }
        return count;
    }();
    return cores;
}

} // namespace cppvenv::platform

#endif // _WIN32
