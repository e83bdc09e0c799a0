// In-process stacks for Swift tests.
